using Mailstrom.Http.Bodies;

namespace Mailstrom.Http.Tests.Bodies;

public sealed class EmailBodyDecoderTests
{
    [Theory]
    [InlineData(null, "body")]
    [InlineData("$", "body")]
    [InlineData("$.to[1]", "to[1]")]
    [InlineData("$.attachments[0].content", "attachments[0].content")]
    [InlineData("$.headers.X-Tag", "headers.X-Tag")]
    [InlineData("$.headers['X Tag']", "headers.X Tag")]
    [InlineData("$['odd name']", "odd name")]
    public void ToField_ConvertsJsonPathsToFieldNames(string? path, string field) =>
        Assert.Equal(field, EmailBodyDecoder.ToField(path));

    [Fact]
    public async Task Decode_RawMime_ParsesTheMessage()
    {
        var body = System.Text.Encoding.ASCII.GetBytes("From: a@example.com\r\nTo: b@example.com\r\nSubject: S\r\n\r\nx\r\n");

        var (email, problem) = await EmailBodyDecoder.DecodeAsync(EmailMediaTypes.Rfc822, body, CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal("S", email!.Message!.Subject);
    }

    [Fact]
    public async Task Decode_NullAttachment_IsRefusedNamingIt()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("{\"from\":\"a@example.com\",\"attachments\":[{\"fileName\":\"a\"},null]}");

        var (_, problem) = await EmailBodyDecoder.DecodeAsync(EmailMediaTypes.Json, body, CancellationToken.None);

        Assert.Equal("attachments[1]", problem!.Field);
    }

    [Fact]
    public async Task Decode_JsonAfterAUtf8ByteOrderMark_IsAccepted()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"]}")];

        var (email, problem) = await EmailBodyDecoder.DecodeAsync(EmailMediaTypes.Json, body, CancellationToken.None);

        Assert.Null(problem);
        Assert.Equal("a@example.com", email!.Request!.From);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF }, "UTF-8")]
    [InlineData(new byte[] { 0xFF, 0xFE }, "UTF-16 (little-endian)")]
    [InlineData(new byte[] { 0xFE, 0xFF }, "UTF-16 (big-endian)")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00, 0x00 }, "UTF-32 (little-endian)")]
    [InlineData(new byte[] { 0x00, 0x00, 0xFE, 0xFF }, "UTF-32 (big-endian)")]
    public async Task Decode_JsonAfterAnotherByteOrderMark_IsRefusedNamingIt(byte[] mark, string encoding)
    {
        byte[] body = [.. mark, .. System.Text.Encoding.UTF8.GetBytes("{\"from\":\"a@example.com\"}")];

        var (_, problem) = await EmailBodyDecoder.DecodeAsync(EmailMediaTypes.Json, body, CancellationToken.None);

        Assert.Equal("body", problem!.Field);
        Assert.Contains($"{encoding} byte order mark", problem.Detail, StringComparison.Ordinal);
    }
}
