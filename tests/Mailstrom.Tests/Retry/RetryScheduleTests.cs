using Mailstrom.Retry;

namespace Mailstrom.Tests.Retry;

public sealed class RetryScheduleTests
{
    private static readonly RetryOptions Defaults = new();

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    [InlineData(5, 60)]
    [InlineData(6, 60)]
    [InlineData(50, 60)]
    [InlineData(100_000, 60)]
    public void DelayAfter_WithDefaultsAndNoJitter_DoublesFromFiveMinutesCappedAtOneHour(int attempts, int expectedMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), RetrySchedule.DelayAfter(attempts, Defaults, jitterSample: 0.5));
    }

    [Theory]
    [InlineData(0.0, 270)]
    [InlineData(0.25, 285)]
    [InlineData(0.5, 300)]
    [InlineData(0.75, 315)]
    [InlineData(0.999999, 330)]
    public void DelayAfter_WithJitter_SpreadsByTenPercentEitherWay(double sample, int expectedSeconds)
    {
        var delay = RetrySchedule.DelayAfter(1, Defaults, sample);
        Assert.Equal(expectedSeconds, delay.TotalSeconds, precision: 0);
    }

    [Fact]
    public void DelayAfter_WithCustomMultiplier_GrowsByThatFactor()
    {
        var options = new RetryOptions { InitialDelay = TimeSpan.FromSeconds(1), Multiplier = 3, MaxDelay = TimeSpan.FromDays(1), JitterFactor = 0 };

        Assert.Equal(TimeSpan.FromSeconds(1), RetrySchedule.DelayAfter(1, options, 0.3));
        Assert.Equal(TimeSpan.FromSeconds(3), RetrySchedule.DelayAfter(2, options, 0.3));
        Assert.Equal(TimeSpan.FromSeconds(9), RetrySchedule.DelayAfter(3, options, 0.3));
    }

    [Fact]
    public void DelayAfter_WithMultiplierOne_IsConstant()
    {
        var options = new RetryOptions { InitialDelay = TimeSpan.FromSeconds(7), Multiplier = 1, JitterFactor = 0 };

        Assert.Equal(TimeSpan.FromSeconds(7), RetrySchedule.DelayAfter(40, options, 0.9));
    }

    [Fact]
    public void DelayAfter_WhenAttemptsBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrySchedule.DelayAfter(0, Defaults, 0.5));
    }
}
