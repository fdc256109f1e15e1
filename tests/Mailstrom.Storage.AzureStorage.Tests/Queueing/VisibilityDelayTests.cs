using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage.Tests.Queueing;

public sealed class VisibilityDelayTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-86400.0, 0.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(0.2, 1.0)]
    [InlineData(300.0, 300.0)]
    [InlineData(604799.5, 604800.0)]
    [InlineData(604800.0, 604800.0)]
    [InlineData(864000.0, 604800.0)]
    public void Until_ClampsBetweenZeroAndSevenDaysRoundingUpToSeconds(double targetSeconds, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), VisibilityDelay.Until(Now.AddSeconds(targetSeconds), Now));

    [Fact]
    public void Until_LogicalTimeFarInThePast_IsVisibleAtOnce() =>
        Assert.Equal(TimeSpan.Zero, VisibilityDelay.Until(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), Now));
}
