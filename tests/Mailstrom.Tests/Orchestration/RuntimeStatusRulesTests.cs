using Mailstrom.Model;
using Mailstrom.Orchestration;

namespace Mailstrom.Tests.Orchestration;

public sealed class RuntimeStatusRulesTests
{
    [Theory]
    [InlineData(false, false, 3, 0, RuntimeStatus.Pending)]
    [InlineData(false, true, 3, 0, RuntimeStatus.Running)]
    [InlineData(false, true, 3, 2, RuntimeStatus.Running)]
    [InlineData(false, false, 3, 1, RuntimeStatus.Running)]
    [InlineData(false, true, 3, 3, RuntimeStatus.Completed)]
    [InlineData(true, true, 3, 1, RuntimeStatus.Terminated)]
    [InlineData(true, true, 3, 3, RuntimeStatus.Terminated)]
    public void Derive_FollowsTheLifecycle(bool terminated, bool started, int recipients, int final, RuntimeStatus expected)
    {
        Assert.Equal(expected, RuntimeStatusRules.Derive(terminated, started, recipients, final));
    }
}
