using Mailstrom.Orchestration;
using Mailstrom.Storage;

namespace Mailstrom.Tests.Orchestration;

public sealed class BatchPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static DeliveryWorkItem Item(string email, int ordinal, string domain) =>
        new(email, ordinal, $"u{ordinal}@{domain}", domain, false, "from@example.org", Model.DeliveryStatus.Queued, 0, Now, "lease", Now.AddMinutes(10));

    [Fact]
    public void Plan_GroupsRecipientsOfOneEmailOnOneDomain()
    {
        var items = new[] { Item("a", 0, "x.test"), Item("a", 1, "y.test"), Item("a", 2, "x.test"), Item("b", 0, "x.test") };

        var batches = BatchPlanner.Plan(items, maxPerBatch: 50);

        Assert.Equal(3, batches.Count);
        Assert.Equal([0, 2], batches[0].Select(i => i.Ordinal));
        Assert.Equal("y.test", Assert.Single(batches[1]).Domain);
        Assert.Equal("b", Assert.Single(batches[2]).EmailId);
    }

    [Fact]
    public void Plan_SplitsAtMaxPerBatch_AndKeepsEveryItemOnce()
    {
        var items = Enumerable.Range(0, 7).Select(i => Item("a", i, "x.test")).ToArray();

        var batches = BatchPlanner.Plan(items, maxPerBatch: 3);

        Assert.Equal([3, 3, 1], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 7), batches.SelectMany(b => b).Select(i => i.Ordinal));
    }

    [Fact]
    public void Plan_WhenMaxPerBatchBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchPlanner.Plan([], 0));
    }
}
