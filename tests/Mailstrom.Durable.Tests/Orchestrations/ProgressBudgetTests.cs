using Mailstrom.Contracts;
using Mailstrom.Durable.Orchestrations;

namespace Mailstrom.Durable.Tests.Orchestrations;

public sealed class ProgressBudgetTests
{
    private static RecipientStatusResponse Recipient(int i, string address, string response) => new(
        address, "Deferred", 3, "2026-12-04T20:00:00Z", "2026-12-04T21:00:00Z", new string('m', 240) + ".test", 451, "4.7.1", response,
        "TLSv1.3 TLS_AES_256_GCM_SHA384");

    private static EmailProgress Page(Func<int, RecipientStatusResponse> recipient) =>
        new(0, RecipientPages.Size, 0, 0, "2026-12-04T21:00:00Z", [.. Enumerable.Range(0, RecipientPages.Size).Select(recipient)]);

    [Fact]
    public void Fit_AnOrdinaryPage_IsUnchanged()
    {
        var page = Page(i => Recipient(i, $"user{i}@example.org", "451 4.7.1 Greylisted, try again in 5 minutes"));

        Assert.Same(page, ProgressBudget.Fit(page));
    }

    [Fact]
    public void Fit_AWorstCasePage_FitsTheBudget_KeepingEverythingButReplyText()
    {
        // Longest addresses and hosts, replies at the kept maximum, in characters JSON escapes six-fold.
        var longAddress = new string('ü', 64) + "@" + new string('d', 185) + ".test";
        var page = Page(i => Recipient(i, longAddress, new string('ü', Mailstrom.Model.RecipientStatus.MaxResponseLength) + " (Mailstrom gave up after 3 attempts over 96 h (Mailstrom:Retry:MaxAge))"));

        var fitted = ProgressBudget.Fit(page);

        Assert.True(ProgressBudget.Length(page) > ProgressBudget.MaxCharacters);
        Assert.True(ProgressBudget.Length(fitted) <= ProgressBudget.MaxCharacters, $"{ProgressBudget.Length(fitted)} characters");
        Assert.Equal(page.Recipients!.Select(r => r with { Response = null }), fitted.Recipients!.Select(r => r with { Response = null }));
        Assert.All(fitted.Recipients!, r => Assert.EndsWith("…", r.Response, StringComparison.Ordinal));
    }
}
