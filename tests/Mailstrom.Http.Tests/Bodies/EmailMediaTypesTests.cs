using Mailstrom.Http.Bodies;

namespace Mailstrom.Http.Tests.Bodies;

public sealed class EmailMediaTypesTests
{
    [Theory]
    [InlineData("application/json", EmailMediaTypes.Json)]
    [InlineData("Application/JSON", EmailMediaTypes.Json)]
    [InlineData("application/json; charset=utf-8", EmailMediaTypes.Json)]
    [InlineData("application/json; charset=UTF-8", EmailMediaTypes.Json)]
    [InlineData("application/json; charset=\"utf-8\"", EmailMediaTypes.Json)]
    [InlineData("application/json; charset=\"UTF-8\"", EmailMediaTypes.Json)]
    [InlineData("application/json; charset=\"utf\\-8\"", EmailMediaTypes.Json)]
    [InlineData("application/json;charset=utf8", EmailMediaTypes.Json)]
    [InlineData("application/json ; Charset = utf-8", EmailMediaTypes.Json)]
    [InlineData("application/json; CHARSET=utf-8; profile=\"https://example.com/email\"", EmailMediaTypes.Json)]
    [InlineData("message/rfc822", EmailMediaTypes.Rfc822)]
    [InlineData("MESSAGE/RFC822; charset=\"iso-8859-1\"", EmailMediaTypes.Rfc822)]
    public void Classify_AcceptsRfc9110Forms(string contentType, string mediaType)
    {
        var (accepted, refusal) = EmailMediaTypes.Classify(contentType);

        Assert.Equal(mediaType, accepted);
        Assert.Null(refusal);
    }

    [Theory]
    [InlineData(null, "no Content-Type")]
    [InlineData("", "no Content-Type")]
    [InlineData("   ", "no Content-Type")]
    [InlineData("%%%", "not a single media type")]
    [InlineData("application/json, message/rfc822", "not a single media type")]
    [InlineData("message/rfc822; x=\"open", "not a single media type")]
    [InlineData("text/plain", "not one this API reads")]
    [InlineData("application/jsonx", "not one this API reads")]
    [InlineData("application/*", "not one this API reads")]
    [InlineData("application/json; charset=iso-8859-1", "must be UTF-8")]
    [InlineData("application/json; charset=\"utf-16\"", "must be UTF-8")]
    [InlineData("application/json; charset=utf-8; charset=latin1", "more than one charset")]
    public void Classify_RefusesWithADetailThatSaysWhy(string? contentType, string reason)
    {
        var (accepted, refusal) = EmailMediaTypes.Classify(contentType);

        Assert.Null(accepted);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], true)]
    [InlineData(new[] { "identity" }, true)]
    [InlineData(new[] { "Identity, identity" }, true)]
    [InlineData(new[] { "gzip" }, false)]
    [InlineData(new[] { "identity", "br" }, false)]
    [InlineData(new[] { "gzip, identity" }, false)]
    [InlineData(new[] { "x-custom" }, false)]
    public void RefuseContentEncoding_AcceptsOnlyIdentity(string[] codings, bool accepted) =>
        Assert.Equal(accepted, EmailMediaTypes.RefuseContentEncoding(new Microsoft.Extensions.Primitives.StringValues(codings)) is null);
}
