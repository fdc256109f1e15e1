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
}
