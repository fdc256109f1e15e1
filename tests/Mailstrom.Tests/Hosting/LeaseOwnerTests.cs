using Mailstrom.Hosting;

namespace Mailstrom.Tests.Hosting;

public sealed class LeaseOwnerTests
{
    private const string Machine = "host-a";

    private static long? Running(int pid) => pid switch
    {
        100 => 638_000_000_000_000_000, // running, started at that time
        200 => 0,                       // running, start time unreadable
        _ => null,                      // not running
    };

    [Theory]
    [InlineData("host-a/300/638000000000000000/w1", true)]   // its process is not running
    [InlineData("host-a/100/637000000000000000/w1", true)]   // its id now belongs to a process started at another time
    [InlineData("host-a/100/638000000000000000/w1", false)]  // the same process, still running
    [InlineData("HOST-A/300/638000000000000000/w1", true)]   // machine names compare without case
    [InlineData("host-a/200/637000000000000000/w1", false)]  // running, start time unknown: taken as alive
    [InlineData("host-b/300/638000000000000000/w1", false)]  // another machine: cannot tell
    [InlineData("host-a/300/w1", true)]                      // an older name without the start time, process gone
    [InlineData("host-a/100/w1", false)]                     // an older name, a process with that id runs
    [InlineData("host-a/not-a-pid/1/w1", false)]
    [InlineData("garbage", false)]
    [InlineData("", false)]
    public void IsGone_OnlyForAProcessOfThisMachineThatNoLongerRuns(string owner, bool gone) =>
        Assert.Equal(gone, LeaseOwner.IsGone(owner, Machine, Running));

    [Fact]
    public void ForThisProcess_NamesALiveProcess_AndEachWorkerItsOwnInstance()
    {
        var first = LeaseOwner.ForThisProcess();
        var second = LeaseOwner.ForThisProcess();

        Assert.NotEqual(first, second);
        Assert.False(LeaseOwner.IsGone(first, Environment.MachineName, LeaseOwner.RunningProcessStartTicks));
        Assert.StartsWith($"{Environment.MachineName}/{Environment.ProcessId}/", first, StringComparison.Ordinal);
    }
}
