using System.Globalization;
using System.Net;
using System.Text;
using Mailstrom.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>
/// Logs never carry raw client input: the whole hostile suite (every wire row, every near miss, every body row, and a
/// refused key on a path full of control characters) runs with every log entry of every category captured at every
/// level, with its structured values, scopes and exception messages; then the captured log is searched for raw control
/// characters (C0, DEL, C1), line and paragraph separators and bidi controls. A client can put them into paths, ids,
/// reasons, field names and hosts; in the log they must appear only escaped: anywhere in Mailstrom's own entries at every
/// level, and in the values (what a message quotes) of every category's entries from Information up. ASP.NET Core's Debug messages (routing, Kestrel's bad-request
/// details) quote the request as received; the shipped configuration keeps <c>Microsoft.AspNetCore</c> at Warning.
/// </summary>
public sealed class LogHygieneTests
{
    private const int Timeout = 180_000;

    /// <summary>Line breaks that ASP.NET Core writes into a value itself (the authorization failure's list of requirements).</summary>
    private static readonly string[] _frameworkText = ["These requirements were not met:\n"];
    private static readonly TimeSpan _within = TimeSpan.FromSeconds(20);

    [Fact(Timeout = Timeout)]
    public async Task HostileRun_NoLogEntryHoldsARawControlCharacter_AtAnyLevelOfOursOrFromInformationUpOfAnyCategory()
    {
        var capture = new FullLogCapture();
        using (var app = KestrelAppFixture.Create(Everything(), s => s.AddSingleton<ILoggerProvider>(capture)))
        {
            using var client = app.CreateApiClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            foreach (var bytes in RawRequestCorpus.All.Values.Select(r => r.Bytes).Concat(RawAcceptedRequests.All.Values.Select(r => r.Bytes)))
            {
                var response = await RawHttpConnection.ExchangeAsync(app.Endpoint, bytes, timeout.Token);
                Assert.True(response is null or { Status: < 500 or 505 }, $"answered {response?.Status}");
            }

            foreach (var row in HostileRequestCorpus.All.Values)
            {
                using var response = await HostileClient.PostAsync(client, row.ContentType, row.Body, row.IdempotencyKey);
                Assert.Equal(row.Status, (int)response.StatusCode);
            }

            await app.Requests.WaitUntilIdleAsync(_within);
        }

        using (var keyed = ServerApp.Create(
            remoteAddress: IPAddress.Parse("203.0.113.7"), keys: [ServerApp.Key], settings: Everything(), services: s => s.AddSingleton<ILoggerProvider>(capture)))
        {
            using var client = keyed.CreateApiClient();
            using var refused = await client.GetAsync("/api/emails/%0D%0AX-Injected:%201%1B%5B31m%07%E2%80%AE%C2%85");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var entries = capture.Entries;
        Assert.Contains(entries, e => e.Category.StartsWith("Mailstrom", StringComparison.Ordinal) && e.Line.Contains(@"\r\n", StringComparison.Ordinal));
        var ours = entries.Where(e => e.Category.StartsWith("Mailstrom", StringComparison.Ordinal));
        var informationUp = entries.Where(e => e.Level >= LogLevel.Information);
        var raw = ours.Where(e => FirstRawControl(e.Line) >= 0)
            .Concat(ours.Concat(informationUp).Where(e => e.Values.Concat(Messages(e.Exception)).Any(v => FirstRawControl(WithoutFrameworkText(v)) >= 0)))
            .Select(e => $"{e.Level} {e.Category}: {Show(e.Line)}")
            .Distinct()
            .ToList();
        Assert.True(raw.Count == 0, $"{raw.Count} log entries hold raw control characters:{Environment.NewLine}{string.Join(Environment.NewLine, raw.Take(20))}");
    }

    [Fact]
    public void TheShippedConfiguration_KeepsAspNetCoresDebugMessagesOff()
    {
        using var app = ServerApp.Create();

        var level = app.Services.GetRequiredService<IConfiguration>()["Logging:LogLevel:Microsoft.AspNetCore"];

        Assert.True(Enum.Parse<LogLevel>(level!) >= LogLevel.Information, $"Microsoft.AspNetCore logs from {level}");
    }

    /// <summary>Every category at every level, and the body corpus's recipient limit.</summary>
    private static Dictionary<string, string?> Everything() => new()
    {
        ["Mailstrom:Limits:MaxRecipients"] = HostileRequestCorpus.MaxRecipients.ToString(CultureInfo.InvariantCulture),
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Mailstrom"] = "Trace",
    };

    /// <summary>The index of the first character a client must not be able to write into a log line raw, or -1.</summary>
    private static int FirstRawControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) || text[i] is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return i;
            }
        }

        return -1;
    }

    private static string WithoutFrameworkText(string value) =>
        _frameworkText.Aggregate(value, (text, own) => text.Replace(own, string.Empty, StringComparison.Ordinal));

    /// <summary>The messages of an exception and its inner exceptions (the stack trace's own line breaks are not client input).</summary>
    private static IEnumerable<string> Messages(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
        }
    }

    /// <summary>The text around the first raw control character, with every control shown as its code.</summary>
    private static string Show(string text)
    {
        var at = Math.Max(FirstRawControl(text), 0);
        var around = text.Substring(Math.Max(at - 80, 0), Math.Min(160, text.Length - Math.Max(at - 80, 0)));
        var shown = new StringBuilder();
        foreach (var c in around)
        {
            shown.Append(FirstRawControl(c.ToString()) == 0 ? $"<U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}>" : c.ToString());
        }

        return shown.ToString();
    }
}
