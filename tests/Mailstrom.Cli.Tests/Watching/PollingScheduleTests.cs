using Mailstrom.Cli.Watching;

namespace Mailstrom.Cli.Tests.Watching;

public sealed class PollingScheduleTests
{
    [Theory]
    [InlineData(null, 5.0)]
    [InlineData(5.0, 5.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(0.2, 1.0)]
    [InlineData(12.0, 12.0)]
    [InlineData(3600.0, 30.0)]
    public void Next_FollowingTheServer_KeepsRetryAfterWithinBounds(double? retryAfterSeconds, double expectedSeconds)
    {
        var schedule = new PollingSchedule();

        var next = schedule.Next(retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), next);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(5.0)]
    [InlineData(3600.0)]
    public void Next_WithFixedInterval_IgnoresRetryAfter(double? retryAfterSeconds)
    {
        var schedule = new PollingSchedule(TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(100), schedule.Next(retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null));
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(301.0)]
    public void Constructor_FixedIntervalOutOfRange_Throws(double seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PollingSchedule(TimeSpan.FromSeconds(seconds)));
}
