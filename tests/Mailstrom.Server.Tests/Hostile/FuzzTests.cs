using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Mailstrom.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>
/// Seeded fuzzing of both entry points of <c>POST /api/emails</c>: mutated valid requests never get a 5xx, every 4xx
/// is a problem details document, and nothing is logged as an error. Set <c>MAILSTROM_FUZZ_SEED</c> to replay a
/// failure (the seed and the failing iterations are printed).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Timeout = 120_000;
    private const int Iterations = 2_000;
    private const int DefaultSeed = 20_260_303;
    private static readonly TimeSpan TimeBox = TimeSpan.FromSeconds(20);

    private static readonly byte[] ValidJson = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        from = "\"Sender Name\" <sender@example.com>",
        to = new[] { "alice@example.com", "Bob <bob@bücher.de>" },
        cc = new[] { "carol@example.net" },
        bcc = new[] { "dave@example.org" },
        replyTo = new[] { "reply@example.com" },
        subject = "Quarterly report — ünïcödé",
        text = "Hello.\nSecond line.",
        html = "<p>Hello.</p>",
        headers = new Dictionary<string, string> { ["X-Tag"] = "fuzz", ["X-Campaign"] = "q3" },
        attachments = new[] { new { fileName = "report.txt", contentType = "text/plain", content = "aGVsbG8gd29ybGQ=" } },
    }));

    private static readonly byte[] ValidMime = Encoding.UTF8.GetBytes(
        "From: \"Sender Name\" <sender@example.com>\r\n" +
        "To: alice@example.com, Bob <bob@example.org>\r\n" +
        "Cc: carol@example.net\r\n" +
        "Bcc: dave@example.org\r\n" +
        "Subject: =?utf-8?B?UXVhcnRlcmx5IHJlcG9ydA==?=\r\n" +
        "Message-ID: <fuzz-1@example.com>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"b1\"\r\n" +
        "\r\n" +
        "--b1\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: quoted-printable\r\n" +
        "\r\n" +
        "Hello =C3=BC.\r\n" +
        "--b1\r\n" +
        "Content-Type: application/octet-stream; name=\"a.bin\"\r\n" +
        "Content-Disposition: attachment; filename=\"a.bin\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "aGVsbG8gd29ybGQ=\r\n" +
        "--b1--\r\n");

    [Fact(Timeout = Timeout)]
    public Task PostJson_MutatedRequests_NeverGet5xx_EveryRefusalIsAProblem_NoErrorLogged() =>
        FuzzAsync("application/json", ValidJson, json: true);

    [Fact(Timeout = Timeout)]
    public Task PostRawMime_MutatedMessages_NeverGet5xx_EveryRefusalIsAProblem_NoErrorLogged() =>
        FuzzAsync("message/rfc822", ValidMime, json: false);

    private async Task FuzzAsync(string contentType, byte[] valid, bool json)
    {
        var seed = Environment.GetEnvironmentVariable("MAILSTROM_FUZZ_SEED") is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : DefaultSeed;
        var mutator = new RequestMutator(seed);
        using var app = ServerApp.Create(settings: new Dictionary<string, string?>
        {
            ["Mailstrom:Limits:MaxMessageBytes"] = (256 * 1024).ToString(CultureInfo.InvariantCulture),
        });
        using var client = app.CreateApiClient();
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var stopwatch = Stopwatch.StartNew();
        var iterations = 0;

        using (var sanity = await HostileClient.PostAsync(client, contentType, valid))
        {
            Assert.Equal(202, (int)sanity.StatusCode);
        }

        for (; iterations < Iterations && stopwatch.Elapsed < TimeBox; iterations++)
        {
            var body = mutator.Mutate(valid, json, out var how);
            using var response = await HostileClient.PostAsync(client, contentType, body);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var error = status == 202 ? null : (await HostileClient.CheckProblemAsync(response)).Error;
            if (error is not null && failures.Count < 10)
            {
                failures.Add($"iteration {iterations} ({how}): {error}; body (base64) {Convert.ToBase64String(body.AsSpan(0, Math.Min(body.Length, 2048)))}");
            }
        }

        var errors = HostileClient.Errors(app);
        var summary = $"seed {seed} (replay with MAILSTROM_FUZZ_SEED={seed}), {iterations} iterations in {stopwatch.Elapsed.TotalSeconds:0.0} s, " +
            "statuses " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"));
        output.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + Environment.NewLine + string.Join(Environment.NewLine, failures));
        Assert.True(errors.Count == 0, summary + Environment.NewLine + string.Join(Environment.NewLine, errors.Take(10)));
        Assert.True(iterations >= 200, summary + ": too few iterations to mean anything");
        using var health = await client.GetAsync("/api/health");
        Assert.Equal(200, (int)health.StatusCode);
    }
}
