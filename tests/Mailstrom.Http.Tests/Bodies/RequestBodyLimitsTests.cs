using Mailstrom.Http.Bodies;

namespace Mailstrom.Http.Tests.Bodies;

public sealed class RequestBodyLimitsTests
{
    [Fact]
    public void RawMime_MayBeAsLargeAsTheMessageLimit() =>
        Assert.Equal(25L * 1024 * 1024, RequestBodyLimits.For(EmailMediaTypes.Rfc822, 25L * 1024 * 1024));

    [Fact]
    public void Json_AllowsBase64GrowthPlusOverhead()
    {
        var limit = RequestBodyLimits.For(EmailMediaTypes.Json, 3000);

        Assert.Equal(4000 + RequestBodyLimits.JsonOverheadBytes, limit);
    }

    [Fact]
    public void Json_ForTheLargestConfigurableLimit_StaysWithinOneBuffer() =>
        Assert.Equal(Array.MaxLength, RequestBodyLimits.For(EmailMediaTypes.Json, 1L << 31));
}
