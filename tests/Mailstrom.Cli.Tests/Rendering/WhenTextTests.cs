using Mailstrom.Cli.Rendering;

namespace Mailstrom.Cli.Tests.Rendering;

public sealed class WhenTextTests
{
    private static DateTimeOffset Now => new(2026, 11, 23, 20, 33, 5, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "")]
    [InlineData("2026-11-23T20:33:05Z", "now")]
    [InlineData("2026-11-23T20:33:17Z", "in 12s")]
    [InlineData("2026-11-23T20:38:04Z", "in 4m 59s")]
    [InlineData("2026-11-23T20:32:05Z", "1m 0s ago")]
    [InlineData("2026-11-23T23:03:05Z", "2026-11-23 23:03Z (in 2h 30m)")]
    [InlineData("2026-11-25T20:33:05Z", "2026-11-25 20:33Z (in 2d 0h)")]
    public void Format_IsRelativeAndAddsTheTimeWhenFarOff(string? apiTime, string expected)
    {
        Assert.Equal(expected, WhenText.Format(apiTime, Now));
    }
}
