using System.Text;
using Mailstrom.Composition;
using Mailstrom.Composition.Signing;
using Mailstrom.Model;
using Mailstrom.Testing.Dkim;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Tests.Composition.Signing;

/// <summary>
/// The composer's DKIM signatures, checked by MimeKit's verifier against the public keys as they would be published in
/// DNS: each algorithm, both at once, the over-signed From, tampering, 8-bit bodies and UTF-8 headers.
/// </summary>
public sealed class DkimSigningTests
{
    private const string Domain = "signed.example.com";

    private static readonly DkimCheck _dns = new DkimCheck()
        .Publish(Domain, "rsa", DkimTestKey.Rsa2048.TxtRecord)
        .Publish(Domain, "ed", DkimTestKey.Ed25519Key.TxtRecord);

    internal static DkimKeyOptions RsaKey(string domain = Domain) => new()
    {
        Domain = domain, Selector = "rsa", Algorithm = DkimAlgorithms.RsaSha256, PrivateKey = DkimTestKey.Rsa2048.PrivateKeyPem,
    };

    internal static DkimKeyOptions EdKey(string domain = Domain) => new()
    {
        Domain = domain, Selector = "ed", Algorithm = DkimAlgorithms.Ed25519Sha256, PrivateKey = DkimTestKey.Ed25519Key.PrivateKeyPem,
    };

    internal static EmailComposer Composer(bool requireDkim = false, params DkimKeyOptions[] keys) => new(
        Options.Create(new MailstromOptions
        {
            HeloName = ComposerFixture.HeloName,
            Dkim = new DkimOptions { Keys = [.. keys], RequireDkim = requireDkim },
        }),
        new FakeTimeProvider(ComposerFixture.Now));

    private static EmailRequest Request(string from = $"Sender <news@{Domain}>") => new()
    {
        From = from,
        To = ["rcpt@example.org"],
        Subject = "Hello",
        Text = "Hello there.",
    };

    [Theory]
    [InlineData(DkimAlgorithms.RsaSha256, "rsa")]
    [InlineData(DkimAlgorithms.Ed25519Sha256, "ed")]
    public void Compose_WithOneKey_AddsOneSignatureThatVerifies(string algorithm, string selector)
    {
        var key = algorithm == DkimAlgorithms.RsaSha256 ? RsaKey() : EdKey();

        var email = Composer(false, key).Compose(Request(), "id1");

        var verdict = Assert.Single(DkimCheck.Verify(_dns, email.Content));
        Assert.True(verdict.Valid);
        Assert.Equal(algorithm, verdict.Tags["a"]);
        Assert.Equal(Domain, verdict.Tags["d"]);
        Assert.Equal(selector, verdict.Tags["s"]);
        Assert.Equal("relaxed/relaxed", verdict.Tags["c"]);
        Assert.Equal(ComposerFixture.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), verdict.Tags["t"]);
    }

    [Fact]
    public void Compose_WithBothKeysOfTheDomain_AddsTwoSignaturesThatEachVerify()
    {
        var email = Composer(false, RsaKey(), EdKey()).Compose(Request(), "id1");

        var verdicts = DkimCheck.Verify(_dns, email.Content);
        Assert.Equal(2, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Valid));
        Assert.Equal([DkimAlgorithms.Ed25519Sha256, DkimAlgorithms.RsaSha256], verdicts.Select(v => v.Tags["a"]).Order());
    }

    [Fact]
    public void Compose_SignsEveryPresentFieldOnceMoreThanItOccurs_AndNoAbsentField()
    {
        var request = Request();
        request.Cc = ["cc@example.org"];
        request.ReplyTo = ["replies@example.com"];
        request.Headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://example.com/u/1>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            ["X-Campaign"] = "spring",
        };

        var email = Composer(false, RsaKey()).Compose(request, "id1");

        var verdict = Assert.Single(DkimCheck.Verify(_dns, email.Content));
        Assert.True(verdict.Valid);
        Assert.Equal(OverSigned("from", "to", "cc", "subject", "date", "message-id", "reply-to", "mime-version", "content-type",
            "list-unsubscribe", "list-unsubscribe-post"), verdict.Tags["h"]);
    }

    [Fact]
    public void Compose_WithoutCcOrReplyTo_LeavesThemOutOfTheSignedFields()
    {
        var email = Composer(false, EdKey()).Compose(Request(), "id1");

        Assert.Equal(OverSigned("from", "to", "subject", "date", "message-id", "mime-version", "content-type"),
            Assert.Single(DkimCheck.Verify(_dns, email.Content)).Tags["h"]);
    }

    [Theory]
    [InlineData("From: Mallory <boss@signed.example.com>\r\n")]
    [InlineData("Subject: Urgent: your account\r\n")]
    [InlineData("To: victim@example.net\r\n")]
    [InlineData("Reply-To: mallory@example.net\r\n")]
    public void Verify_WhenAFieldIsAddedAfterSigning_FailsForTheOverSignedFieldsOnly(string added)
    {
        // Present fields are over-signed, so a second From, Subject or To breaks the signature; Reply-To was absent and is
        // not listed, so adding one does not.
        var email = Composer(false, RsaKey(), EdKey()).Compose(Request(), "id1");

        var tampered = Encoding.ASCII.GetBytes(added).Concat(email.Content.ToArray()).ToArray();

        var verdicts = DkimCheck.Verify(_dns, tampered);
        var expected = added.StartsWith("Reply-To", StringComparison.Ordinal);
        Assert.Equal(2, verdicts.Count);
        Assert.All(verdicts, v => Assert.Equal(expected, v.Valid));
    }

    [Fact]
    public void Verify_WhenTheSubjectIsChanged_Fails()
    {
        var email = Composer(false, RsaKey()).Compose(Request(), "id1");

        var tampered = DkimCheck.Text(email.Content).Replace("Subject: Hello", "Subject: Hellp", StringComparison.Ordinal);

        Assert.False(Assert.Single(DkimCheck.Verify(_dns, Encoding.UTF8.GetBytes(tampered))).Valid);
    }

    [Fact]
    public void Compose_With8BitUtf8Text_SignsTheEncodedBodyThatIsStored()
    {
        var request = Request();
        request.Text = "Grüße aus Köln — 你好, straße.\n" + new string('ä', 2000);

        var email = Composer(false, RsaKey(), EdKey()).Compose(request, "id1");

        Assert.All(email.Content.ToArray(), b => Assert.True(b < 0x80));
        Assert.All(DkimCheck.Verify(_dns, email.Content), v => Assert.True(v.Valid));
    }

    [Fact]
    public void Compose_WithUtf8Headers_SignsTheUtf8OctetsWritten()
    {
        // A non-ASCII local part makes the message international: its headers are written as UTF-8 (RFC 6532).
        var request = Request("Jörg Müller <jörg@signed.example.com>");
        request.To = ["用户@example.org"];
        request.Subject = "Grüße";

        var email = Composer(false, RsaKey(), EdKey()).Compose(request, "id1");

        Assert.Contains("Subject: Grüße", DkimCheck.Text(email.Content), StringComparison.Ordinal);
        Assert.All(email.Recipients, r => Assert.True(r.RequiresSmtpUtf8));
        var verdicts = DkimCheck.Verify(_dns, email.Content);
        Assert.Equal(2, verdicts.Count);
        Assert.All(verdicts, v => Assert.True(v.Valid));
    }

    [Fact]
    public void Compose_RawMessageWithUtf8Subject_SignsItAsKept()
    {
        var raw = ComposerFixture.ParseRaw($"From: news@{Domain}\nTo: rcpt@example.org\nSubject: Grüße\n\nBody ünïcode\n");

        var email = Composer(false, EdKey()).Compose(raw, "id1");

        Assert.Contains("Subject: Grüße", DkimCheck.Text(email.Content), StringComparison.Ordinal);
        Assert.True(Assert.Single(DkimCheck.Verify(_dns, email.Content)).Valid);
    }

    [Theory]
    [InlineData("news@other.example.com")]
    [InlineData("news@sub.signed.example.com")]
    public void Compose_WhenTheFromDomainHasNoKey_SendsUnsigned(string from)
    {
        var email = Composer(false, RsaKey()).Compose(Request(from), "id1");

        Assert.Empty(DkimCheck.Verify(_dns, email.Content));
    }

    [Fact]
    public void Compose_WhenFromDomainIsWrittenInUpperCase_SignsAsTheLowerCaseDomain()
    {
        var email = Composer(false, EdKey()).Compose(Request("news@SIGNED.Example.COM"), "id1");

        Assert.Equal(Domain, Assert.Single(DkimCheck.Verify(_dns, email.Content)).Tags["d"]);
    }

    [Fact]
    public void Compose_WhenDkimIsRequiredAndTheFromDomainHasNoKey_RefusesNamingFrom()
    {
        var composer = Composer(true, RsaKey());

        var json = Assert.Throws<EmailValidationException>(() => composer.Compose(Request("news@other.example.com"), "id1"));
        var raw = Assert.Throws<EmailValidationException>(() => composer.Compose(
            ComposerFixture.ParseRaw("From: news@other.example.com\nTo: rcpt@example.org\n\nHi\n"), "id2"));

        Assert.Equal(("from", ValidationErrorKind.Invalid), (json.Field, json.Kind));
        Assert.Equal("From", raw.Field);
        Assert.Contains("other.example.com", json.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Compose_RawMessageWithASecondAuthorInAnotherDomain_IsRefusedOnlyWhenDkimIsRequired(bool required, bool signed)
    {
        var raw = ComposerFixture.ParseRaw(
            $"From: news@{Domain}, mallory@other.example.com\nSender: news@{Domain}\nTo: rcpt@example.org\n\nHi\n");

        if (required)
        {
            var refused = Assert.Throws<EmailValidationException>(() => Composer(true, RsaKey()).Compose(raw, "id1"));
            Assert.Equal("From", refused.Field);
            Assert.Contains("Every From mailbox must be in", refused.Message, StringComparison.Ordinal);
        }
        else
        {
            var email = Composer(false, RsaKey()).Compose(raw, "id1");
            Assert.Equal(signed, Assert.Single(DkimCheck.Verify(_dns, email.Content)).Valid);
        }
    }

    [Fact]
    public void Compose_WhenDkimIsRequired_AllAuthorsInTheSignedDomain_Signs()
    {
        var raw = ComposerFixture.ParseRaw(
            $"From: news@{Domain}, editor@{Domain.ToUpperInvariant()}\nSender: news@{Domain}\nTo: rcpt@example.org\n\nHi\n");

        var email = Composer(true, RsaKey()).Compose(raw, "id1");

        Assert.True(Assert.Single(DkimCheck.Verify(_dns, email.Content)).Valid);
    }

    [Fact]
    public void Compose_WhenDkimIsRequiredAndTheFromDomainHasAKey_Signs()
    {
        var email = Composer(true, RsaKey()).Compose(Request(), "id1");

        Assert.True(Assert.Single(DkimCheck.Verify(_dns, email.Content)).Valid);
    }

    [Fact]
    public void Compose_RawMessageCarryingADkimSignature_IsStillRefused()
    {
        var raw = ComposerFixture.ParseRaw($"DKIM-Signature: v=1; a=rsa-sha256; d={Domain}; s=rsa; b=abc\nFrom: news@{Domain}\nTo: rcpt@example.org\n\nHi\n");

        var error = Assert.Throws<EmailValidationException>(() => Composer(false, RsaKey()).Compose(raw, "id1"));

        Assert.Equal("DKIM-Signature", error.Field);
    }

    [Fact]
    public void Compose_IsDeterministic_ForOneClockAndInput()
    {
        var composer = Composer(false, RsaKey(), EdKey());

        var first = composer.Compose(Request(), "id1");
        var second = composer.Compose(Request(), "id1");

        Assert.Equal(first.Content.ToArray(), second.Content.ToArray());
    }

    private static string OverSigned(params string[] fields) => string.Join(':', fields.SelectMany(f => new[] { f, f }));
}
