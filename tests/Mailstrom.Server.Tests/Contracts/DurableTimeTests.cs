using Mailstrom.Contracts;

namespace Mailstrom.Server.Tests.Contracts;

public sealed class DurableTimeTests
{
    [Fact]
    public void Format_IsUtcWithSecondPrecisionAndZ() =>
        Assert.Equal("2026-11-23T20:33:00Z", DurableTime.Format(new DateTimeOffset(2026, 11, 23, 21, 33, 0, 987, TimeSpan.FromHours(1))));

    [Fact]
    public void Format_Null_IsNull() => Assert.Null(DurableTime.Format((DateTimeOffset?)null));
}
