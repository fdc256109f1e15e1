using System.Buffers.Text;
using System.Text;
using Mailstrom.Model;
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

        Assert.Equal(token, ContinuationToken.Decode(token.Encode()));
    }

    [Fact]
    public void Encode_IsUrlSafeAndTaggedWithTheEngine()
    {
        var encoded = new ContinuationToken(long.MaxValue / 2, "??>>~~").Encode();

        Assert.StartsWith("s1.", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.DoesNotContain('=', encoded);
    }

    [Theory]
    [InlineData("|x")]
    [InlineData("123|")]
    [InlineData("-5|x")]
    [InlineData("12a|x")]
    [InlineData("99999999999999999999|x")]
    [InlineData("3155378976000000000|x")]
    public void Decode_OfAWellWrappedButMalformedPosition_IsRefused(string position)
    {
        var token = "s1." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

        Assert.Throws<InvalidContinuationTokenException>(() => ContinuationToken.Decode(token));
    }

    [Theory]
    [InlineData("***")]
    [InlineData("")]
    [InlineData("s1.")]
    [InlineData("s1.***")]
    [InlineData("d1.MXxh")]
    [InlineData("MXxh")]
    public void Decode_OfATokenNotIssuedHere_IsRefused(string token)
    {
        var ex = Assert.Throws<InvalidContinuationTokenException>(() => ContinuationToken.Decode(token));

        Assert.Equal(nameof(EmailQuery.ContinuationToken), ex.ParamName);
    }

    [Fact]
    public void Decode_OfAnOverlongToken_IsRefusedUnread()
    {
        Assert.Throws<InvalidContinuationTokenException>(() => ContinuationToken.Decode("s1." + new string('A', ContinuationTokens.MaxLength)));
    }
}
