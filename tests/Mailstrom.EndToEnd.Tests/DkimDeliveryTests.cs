using System.Net;
using System.Net.Http.Json;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Testing.Rig;

namespace Mailstrom.EndToEnd.Tests;

/// <summary>
/// DKIM signatures judged by a real verifier: the rig's OpenDKIM milter in front of Postfix looks the keys up in DNS
/// (dnsmasq) and writes its verdict into each delivered message.
/// </summary>
[RigTest]
public sealed class DkimDeliveryTests
{
    [Theory]
    [InlineData(Engine.Native, "rsa")]
    [InlineData(Engine.Native, "ed25519")]
    [InlineData(Engine.Native, "rsa,ed25519")]
    [InlineData(Engine.Durable, "rsa,ed25519")]
    public async Task Send_FromTheSigningDomain_EverySignaturePassesPostfixsVerifier(Engine engine, string keyList)
    {
        var keys = keyList.Split(',');
        var delivered = await SendAndReceiveAsync(engine, RigDkim.Settings(requireDkim: false, keys), MailstromLab.Rig.PostfixDomain, "A signed delivery.");

        var results = RigDkim.Results(delivered);
        Assert.Equal(keys.Length, results.Count);
        foreach (var key in keys)
        {
            var (algorithm, selector) = key == "rsa" ? ("rsa-sha256", RigDkim.RsaSelector) : ("ed25519-sha256", RigDkim.Ed25519Selector);
            var result = Assert.Single(results, r => r.Algorithm == algorithm);
            Assert.Equal(new DkimResult("pass", RigDkim.Domain, algorithm, selector), result);
        }
    }

    [Fact]
    public async Task Send_Utf8Body_ToAServerWithout8BitMime_BothSignaturesPass()
    {
        const string Text = "Grüße aus Köln — 你好! Ünïcödé in every line.\nZweite Zeile: ßäöü.";

        var delivered = await SendAndReceiveAsync(Engine.Native, RigDkim.Settings(requireDkim: false, "rsa", "ed25519"), RigDkim.No8BitDomain, Text);

        Assert.Equal(["pass", "pass"], RigDkim.Results(delivered).Select(r => r.Result));
        Assert.Equal(Text.ReplaceLineEndings("\r\n"), delivered.TextBody?.TrimEnd().ReplaceLineEndings("\r\n"));
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_RawMimeWithUtf8Headers_TravelsWithSmtpUtf8AsSigned_BothSignaturesPass(Engine engine)
    {
        // UTF-8 header text (RFC 6532) beside an encoded-word display name: sent as composed, never re-formatted.
        await using var lab = MailstromLab.Create(engine, settings: RigDkim.Settings(requireDkim: false, "rsa", "ed25519"));
        using var client = lab.CreateLabClient();
        var to = $"dkim-utf8-{Guid.NewGuid():N}";
        var mime = $"From: =?utf-8?q?J=C3=BCrgen?= <news@{RigDkim.Domain}>\r\nTo: {to}@{MailstromLab.Rig.PostfixDomain}\r\n" +
            "Subject: Grüße aus Köln\r\n\r\nSchöne Grüße.\r\n";

        var id = await client.SendRawAsync(mime);
        var status = await client.WaitForCompletionAsync(id);

        Assert.Equal("Delivered", Assert.Single(status.CustomStatus.Recipients).Status);
        var delivered = PostfixMailbox.Parse(await PostfixMailbox.WaitForMessageAsync(to, status.Input.MessageId));
        Assert.Equal("Grüße aus Köln", delivered.Subject);
        Assert.Contains(delivered.Headers, h => h.Id == MimeKit.HeaderId.Received && h.Value.Contains("UTF8SMTPS", StringComparison.Ordinal));
        Assert.Equal(["pass", "pass"], RigDkim.Results(delivered).Select(r => r.Result));
    }

    [Fact]
    public async Task Send_SignedWithAKeyWhosePublicHalfIsNotPublished_Fails()
    {
        var delivered = await SendAndReceiveAsync(Engine.Native, RigDkim.Settings(requireDkim: false, "unpublished"), MailstromLab.Rig.PostfixDomain, "Wrong key.");

        var result = Assert.Single(RigDkim.Results(delivered));
        Assert.Equal(("fail", RigDkim.Domain, RigDkim.RsaSelector), (result.Result, result.Domain, result.Selector));
    }

    [Fact]
    public async Task Send_WhenDkimIsRequired_AFromDomainWithoutAKey_Is400NamingFrom()
    {
        await using var lab = MailstromLab.Create(Engine.Native, settings: RigDkim.Settings(requireDkim: true, "rsa"));
        using var client = lab.CreateLabClient();

        using var response = await client.Http.PostAsJsonAsync("/api/emails", new
        {
            from = "Sender <sender@client.mailstrom.test>",
            to = new[] { $"to-{Guid.NewGuid():N}@{MailstromLab.Rig.PostfixDomain}" },
            subject = "Unsigned",
            text = "Refused.",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("from", problem.GetProperty("field").GetString());
        Assert.Contains("client.mailstrom.test", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<MimeKit.MimeMessage> SendAndReceiveAsync(Engine engine, Dictionary<string, string?> settings, string toDomain, string text)
    {
        await using var lab = MailstromLab.Create(engine, settings: settings);
        using var client = lab.CreateLabClient();
        var to = $"dkim-{Guid.NewGuid():N}";

        var id = await client.SendAsync(new
        {
            from = $"News <news@{RigDkim.Domain}>",
            to = new[] { $"{to}@{toDomain}" },
            subject = "Signed by Mailstrom",
            text,
        });
        var status = await client.WaitForCompletionAsync(id);

        Assert.Equal("Delivered", Assert.Single(status.CustomStatus.Recipients).Status);
        return PostfixMailbox.Parse(await PostfixMailbox.WaitForMessageAsync(to, status.Input.MessageId));
    }
}
