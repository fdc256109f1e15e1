using System.Text;
using Mailstrom.Storage.Sqlite.Listing;

namespace Mailstrom.Storage.Sqlite.Tests.Listing;

public sealed class ContinuationTokenTests
{
    [Theory]
    [InlineData(0L, "a")]
    [InlineData(638_764_560_000_000_000L, "email-1")]
    [InlineData(638_764_560_000_000_001L, "id|with|pipes and ünïcode")]
    public void Decode_OfEncode_ReturnsTheSamePosition(long ticks, string id)
    {
        var token = new ContinuationToken(ticks, id);

        Assert.Equal(token, ContinuationToken.Decode(token.Encode(), "query"));
    }

    [Fact]
    public void Encode_IsUrlSafe()
    {
        var encoded = new ContinuationToken(long.MaxValue / 2, "??>>~~").Encode();

        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.DoesNotContain('=', encoded);
    }

    [Theory]
    [InlineData("***")]
    [InlineData("")]
    [InlineData("|x")]
    [InlineData("123|")]
    [InlineData("-5|x")]
    [InlineData("12a|x")]
    [InlineData("99999999999999999999|x")]
    [InlineData("3155378976000000000|x")]
    public void Decode_Malformed_ThrowsArgumentExceptionNamingTheParameter(string plain)
    {
        var token = plain == "***" ? plain : Convert.ToBase64String(Encoding.UTF8.GetBytes(plain)).TrimEnd('=');

        var ex = Assert.Throws<ArgumentException>(() => ContinuationToken.Decode(token, "query"));

        Assert.Equal("query", ex.ParamName);
    }
}
