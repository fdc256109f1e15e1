using System.Text.Json;
using Mailstrom.Contracts;
using Mailstrom.Http.Emails;
using Mailstrom.Model;

namespace Mailstrom.Http.Tests.Emails;

public sealed class ListPageBudgetTests
{
    /// <summary>The bound on one recipient's share of a status or list response that the README documents.</summary>
    private const int MaxRecipientBytes = 8 * 1024;

    /// <summary>Text that every JSON encoder escapes, or that grows in UTF-8: control, HTML-sensitive, non-ASCII and astral characters.</summary>
    private static readonly string[] Hostile =
    [
        string.Empty,
        "plain ascii",
        "\0\r\n\t\u001b\u007f\u0085",
        "\"\\<>&'+`",
        "héllo wörld",
        "\u202Ebidi\u2066",
        "\U0001F600\U0001F4E7",
        new string('\u0001', 300),
        new string('\u00e9', 300),
    ];

    public static TheoryData<string> HostileTexts => [.. Hostile];

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void EstimateBytes_IsAnUpperBoundOfTheSerializedSize(string text)
    {
        var item = Item(text, recipients: 3);

        var estimate = ListPageBudget.EstimateBytes(item);

        foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web })
        {
            Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(item, options).Length, 1, estimate);
        }
    }

    [Fact]
    public void CountThatFit_KeepsTheLeadingItemsWithinTheBudget()
    {
        var items = Enumerable.Range(0, 10).Select(i => Item($"email {i}", recipients: 1)).ToList();
        var one = ListPageBudget.EstimateBytes(items[0]) + 1;

        Assert.Equal(10, ListPageBudget.CountThatFit(items, long.MaxValue));
        Assert.Equal(3, ListPageBudget.CountThatFit(items, 2 + (3 * one)));
        Assert.Equal(2, ListPageBudget.CountThatFit(items, 2 + (3 * one) - 1));
        Assert.Equal(0, ListPageBudget.CountThatFit([], 1));
    }

    [Fact]
    public void CountThatFit_AlwaysKeepsOneItem_SoThatAPageMakesProgress() =>
        Assert.Equal(1, ListPageBudget.CountThatFit([Item("big", recipients: 100), Item("next", recipients: 1)], budgetBytes: 10));

    [Fact]
    public void ARecipientWithEveryFieldAtItsLongestAndEscaped_StaysWithinTheDocumentedBound()
    {
        // An address is at most 254 octets, a reply at most RecipientStatus.MaxResponseLength characters, a host name 255.
        var worst = new RecipientStatusResponse(
            new string('\u0001', 254), nameof(DeliveryStatus.Deferred), int.MaxValue, "2026-11-23T20:33:05.1234567Z", "2026-11-23T20:33:05.1234567Z",
            new string('\u0001', 255), 451, "4.999.999", new string('\u0001', RecipientStatus.MaxResponseLength), new string('\u0001', 64));
        var one = Item("subject", recipients: 0) with { CustomStatus = new CustomStatusResponse([worst]) };
        var none = Item("subject", recipients: 0);

        var perRecipient = ListPageBudget.EstimateBytes(one) - ListPageBudget.EstimateBytes(none);

        Assert.InRange(perRecipient, 1, MaxRecipientBytes);
        Assert.InRange(JsonSerializer.SerializeToUtf8Bytes(one, JsonSerializerOptions.Web).Length, 1, ListPageBudget.EstimateBytes(one));
    }

    private static EmailStatusResponse Item(string text, int recipients) => new(
        EmailStatusResponse.OrchestrationName,
        "0195f1c2aaaabbbbccccddddeeeeffff",
        nameof(RuntimeStatus.Running),
        new EmailInputResponse(text + "@mail.example.org", text + " <a@example.com>", text, recipients),
        new CustomStatusResponse([.. Enumerable.Range(0, recipients).Select(i => new RecipientStatusResponse(
            $"r{i}-{text}@example.com", nameof(DeliveryStatus.Deferred), 3, "2026-11-23T20:33:05Z", "2026-11-23T20:38:05Z",
            "mx." + text, 451, "4.7.1", text, "TLSv1.3 " + text))]),
        new EmailOutputResponse(1, 2, 3, text),
        "2026-11-23T20:33:04Z",
        "2026-11-23T20:33:05Z");
}
