using Mailstrom.Delivery.Dns;

namespace Mailstrom.Tests.Delivery.Dns;

public sealed class MxOrderingTests
{
    public static TheoryData<string, string, string> Tables => new()
    {
        // records "host:pref" in DNS order, pick script (index chosen at each draw), expected order
        { "a:10", "0", "a" },
        { "b:20 a:10", "0 0", "a b" },
        { "c:30 b:20 a:10", "0 0 0", "a b c" },
        { "a:10 b:10", "0 0", "a b" },
        { "a:10 b:10", "1 0", "b a" },
        { "a:10 b:10 c:10", "2 1 0", "c b a" },
        { "a:10 b:10 c:10", "1 1 0", "b c a" },
        { "x:5 a:10 b:10 y:50", "0 1 0 0", "x b a y" },
        { "low:0 hi:65535 mid:100", "0 0 0", "low mid hi" },
        { "a:10 b:10 c:20 d:20", "1 0 1 0", "b a d c" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Order_SortsByPreferenceAndShufflesEqualOnes_WithTheInjectedRandomness(string records, string picks, string expected)
    {
        var parsed = records.Split(' ').Select(r => r.Split(':')).Select(p => (Host: p[0], Pref: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));
        var script = new Queue<int>(picks.Split(' ').Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)));

        var ordered = MxOrdering.Order(parsed, r => r.Pref, _ => script.Dequeue());

        Assert.Equal(expected, string.Join(' ', ordered.Select(r => r.Host)));
    }

    [Fact]
    public void Order_WithRealRandomness_KeepsEveryRecordAndNeverBreaksPreferenceOrder()
    {
        var records = Enumerable.Range(0, 40).Select(i => (Host: $"h{i}", Pref: i % 4 * 10)).ToList();
        var random = new Random(1234);

        var ordered = MxOrdering.Order(records, r => r.Pref, random.Next);

        Assert.Equal(records.Select(r => r.Host).Order(), ordered.Select(r => r.Host).Order());
        Assert.Equal(ordered.Select(r => r.Pref).Order(), ordered.Select(r => r.Pref));
    }

    [Fact]
    public void Order_EqualPreferences_ComeOutInMoreThanOneOrderAcrossDraws()
    {
        var records = new[] { "a", "b", "c" }.Select(h => (Host: h, Pref: 10)).ToList();
        var random = new Random(42);

        var seen = Enumerable.Range(0, 50)
            .Select(_ => string.Concat(MxOrdering.Order(records, r => r.Pref, random.Next).Select(r => r.Host)))
            .ToHashSet();

        Assert.True(seen.Count > 1, "equal-preference hosts were always tried in the same order");
    }
}
