using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage.Tests.Queueing;

public sealed class WorkMessageTests
{
    [Fact]
    public void EncodeThenDecode_RoundTrips() =>
        Assert.Equal(new WorkMessage("0190abcd", 42), WorkMessage.Decode(new WorkMessage("0190abcd", 42).Encode()));

    [Theory]
    [InlineData("")]
    [InlineData("no-separator")]
    [InlineData("|3")]
    [InlineData("id|")]
    [InlineData("id|-1")]
    [InlineData("id|x")]
    public void Decode_NotAWorkMessage_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => WorkMessage.Decode(text));
}
