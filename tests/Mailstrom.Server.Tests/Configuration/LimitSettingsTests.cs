using System.Net;
using System.Text;
using System.Text.Json;
using Mailstrom.Server.Tests.Hostile;
using Mailstrom.Server.Tests.Infrastructure;

namespace Mailstrom.Server.Tests.Configuration;

/// <summary>The app with every count and size limit of <c>Mailstrom:Limits</c> set low through its settings.</summary>
public sealed class LowLimitsAppFixture : IDisposable
{
    public LowLimitsAppFixture()
    {
        App = ServerApp.Create(settings: new Dictionary<string, string?>
        {
            ["Mailstrom:Limits:MaxSubjectLength"] = "20",
            ["Mailstrom:Limits:MaxHeaders"] = "5",
            ["Mailstrom:Limits:MaxHeaderBytes"] = "1024",
            ["Mailstrom:Limits:MaxAttachments"] = "2",
            ["Mailstrom:Limits:MaxMimeParts"] = "4",
            ["Mailstrom:Limits:MaxMimeDepth"] = "2",
        });
        Client = App.CreateApiClient();
    }

    public ServerApp App { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
    }
}

/// <summary>
/// Every limit of <c>Mailstrom:Limits</c> is read from configuration: a request at the configured value is accepted,
/// one past it is refused with its status, naming the field.
/// </summary>
public sealed class LimitSettingsTests(LowLimitsAppFixture fixture) : IClassFixture<LowLimitsAppFixture>
{
    private const int Timeout = 30_000;
    private const string Json = "application/json";
    private const string Rfc822 = "message/rfc822";
    private const string RawHead = "From: a@example.com\r\nTo: b@example.com\r\nSubject: parts\r\nMIME-Version: 1.0\r\n";

    public static TheoryData<string> Limits() => [.. Rows.Keys];

    private static Dictionary<string, (string ContentType, string AtLimit, string OverLimit, int Status, string Field)> Rows { get; } = new()
    {
        ["MaxSubjectLength"] = (Json, Request(subject: new string('s', 20)), Request(subject: new string('s', 21)), 413, "subject"),
        ["MaxHeaders"] = (Json, Request(headers: Headers(5, 1)), Request(headers: Headers(6, 1)), 400, "headers"),
        ["MaxHeaderBytes"] = (Json, Request(headers: Headers(2, 500)), Request(headers: Headers(2, 510)), 413, "headers"),
        ["MaxAttachments"] = (Json, Request(attachments: 2), Request(attachments: 3), 400, "attachments"),
        ["MaxMimeParts"] = (Rfc822, Multipart(3), Multipart(4), 400, "parts[4]"),
        ["MaxMimeDepth"] = (Rfc822, Nested(1), Nested(2), 400, "parts[1.1]"),
    };

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(Limits))]
    public async Task Post_AtTheConfiguredLimit_IsAccepted_AndPastIt_IsRefusedNamingTheField(string limit)
    {
        var (contentType, atLimit, overLimit, status, field) = Rows[limit];

        using var accepted = await HostileClient.PostAsync(fixture.Client, contentType, Encoding.UTF8.GetBytes(atLimit));
        using var refused = await HostileClient.PostAsync(fixture.Client, contentType, Encoding.UTF8.GetBytes(overLimit));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Api.AssertProblemAsync(refused, status, field);
    }

    private static string Request(string subject = "Limits", Dictionary<string, string>? headers = null, int attachments = 0) =>
        JsonSerializer.Serialize(new
        {
            from = "a@example.com",
            to = new[] { "b@example.com" },
            subject,
            text = "Hi.",
            headers,
            attachments = Enumerable.Range(0, attachments).Select(i => new { fileName = $"f{i}.txt", content = "YQ==" }).ToArray(),
        });

    // count headers of 3 + 2 + valueLength bytes each: two of 500 take 1010 bytes, two of 510 take 1030.
    private static Dictionary<string, string> Headers(int count, int valueLength) =>
        Enumerable.Range(0, count).ToDictionary(i => $"X-{i}", _ => new string('v', valueLength));

    // A multipart with this many text parts: 1 + children MIME entities; its block has 5 fields.
    private static string Multipart(int children) =>
        RawHead + "Content-Type: multipart/mixed; boundary=b\r\n\r\n" +
        string.Concat(Enumerable.Range(0, children).Select(i => $"--b\r\n\r\npart {i}\r\n")) + "--b--\r\n";

    // multiparts nested this deep, a text part at the bottom: depth + 1 levels.
    private static string Nested(int depth) =>
        RawHead +
        string.Concat(Enumerable.Range(0, depth).Select(i => $"Content-Type: multipart/mixed; boundary=n{i}\r\n\r\n--n{i}\r\n")) +
        "\r\ndeep\r\n" +
        string.Concat(Enumerable.Range(0, depth).Reverse().Select(i => $"--n{i}--\r\n"));
}
