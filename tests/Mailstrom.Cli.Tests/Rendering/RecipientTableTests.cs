using Mailstrom.Cli.Rendering;
using Mailstrom.Cli.Watching;
using Mailstrom.Contracts;
using Spectre.Console.Testing;

namespace Mailstrom.Cli.Tests.Rendering;

/// <summary>How a recipient's applied MTA-STS policy (<c>mtaSts</c>) is shown: a table column, and the watch log's line.</summary>
public sealed class RecipientTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_RecipientsWithMtaSts_ShowsTheColumnWithEachRecipientsPolicy()
    {
        var output = Render(
            Recipient("ana@sts.example", "Delivered", "enforce"),
            Recipient("bob@testing.example", "Delivered", "testing: mx.testing.example is not in the policy"),
            Recipient("carl@plain.example", "Delivered", null));

        Assert.Contains("MTA-STS", output, StringComparison.Ordinal);
        Assert.Matches(@"ana@sts\.example\s*│.*│ TLSv1\.3\s*│ enforce\s*│", output);
        Assert.Matches(@"bob@testing\.example\s*│.*│ testing: mx\.testing\.example is not in the policy\s*│", output);
        Assert.Matches(@"carl@plain\.example\s*│.*│ TLSv1\.3\s*│\s*│", output);
    }

    [Fact]
    public void Build_NoRecipientWithMtaSts_HasNoMtaStsColumn()
    {
        var output = Render(Recipient("carl@plain.example", "Delivered", null));

        Assert.DoesNotContain("MTA-STS", output, StringComparison.Ordinal);
        Assert.Contains("TLS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void StateChangeLog_RecipientWithMtaSts_EndsTheLineWithThePolicy()
    {
        var console = new TestConsole().Width(200);

        new StateChangeLog(console).Write(Status(
            Recipient("ana@sts.example", "Deferred", "enforce", "4.7.10 MTA-STS enforce: mx.sts.example offers no STARTTLS"),
            Recipient("carl@plain.example", "Delivered", null)));

        Assert.Contains(
            "ana@sts.example: Deferred after 1 attempt · 4.7.10 MTA-STS enforce: mx.sts.example offers no STARTTLS · MTA-STS enforce",
            console.Output, StringComparison.Ordinal);
        Assert.Contains("carl@plain.example: Delivered after 1 attempt · 250 2.0.0 Ok", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("carl@plain.example: Delivered after 1 attempt · 250 2.0.0 Ok · MTA-STS", console.Output, StringComparison.Ordinal);
    }

    private static string Render(params RecipientStatusResponse[] recipients)
    {
        var console = new TestConsole().Width(250);
        console.Write(RecipientTable.Build(Status(recipients), Now));
        return console.Output;
    }

    private static EmailStatusResponse Status(params RecipientStatusResponse[] recipients) => new(
        EmailStatusResponse.OrchestrationName, "0197a3c4e5f67890abcdef0123456789", "Running",
        new EmailInputResponse("m@example.com", "app@example.com", "Hi", recipients.Length), new CustomStatusResponse(recipients), null,
        "2026-05-01T11:59:00Z", "2026-05-01T12:00:00Z");

    private static RecipientStatusResponse Recipient(string address, string status, string? mtaSts, string? response = null) => new(
        address, status, 1, "2026-05-01T12:00:00Z", status == "Deferred" ? "2026-05-01T12:05:00Z" : null, "mx.example",
        response is null ? 250 : null, response is null ? "2.0.0" : null, response ?? "Ok", "TLSv1.3", mtaSts);
}
