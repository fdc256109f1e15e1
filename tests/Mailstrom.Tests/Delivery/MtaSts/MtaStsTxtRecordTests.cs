using Mailstrom.Delivery.MtaSts;

namespace Mailstrom.Tests.Delivery.MtaSts;

public sealed class MtaStsTxtRecordTests
{
    [Theory]
    [InlineData("v=STSv1; id=rig1", "rig1")]
    [InlineData("v=STSv1;id=20160831085700Z;", "20160831085700Z")]
    [InlineData("v=STSv1 ;\tid=abc ; ext_1.a-b=value!", "abc")]
    [InlineData("v=STSv1; ext=1; id=12345678901234567890123456789012", "12345678901234567890123456789012")]
    public void ParseId_OneValidRecord_ReturnsItsId(string record, string id) =>
        Assert.Equal(id, MtaStsTxtRecord.ParseId([record]));

    [Theory]
    [InlineData("v=STSv1;")]                                           // no id
    [InlineData("v=STSv1; id=")]                                       // empty id
    [InlineData("v=STSv1; id=123456789012345678901234567890123")]      // 33 characters
    [InlineData("v=STSv1; id=abc-def")]                                // not letters and digits
    [InlineData("v=STSv1; id=a; id=b")]                                // two ids
    [InlineData("v=STSv1; id=a;; x=1")]                                // empty field
    [InlineData("v=STSv1; id=a; _x=1")]                                // extension name starts with '_'
    [InlineData("v=STSv1; id=a; x=")]                                  // empty extension value
    [InlineData("v=STSv1; ID=a")]                                      // case-sensitive
    [InlineData("v=STSv1 id=a")]                                       // no delimiter
    public void ParseId_InvalidRecord_IsNoPolicy(string record) => Assert.Null(MtaStsTxtRecord.ParseId([record]));

    [Fact]
    public void ParseId_TwoStsRecords_IsNoPolicy() =>
        Assert.Null(MtaStsTxtRecord.ParseId(["v=STSv1; id=a", "v=STSv1; id=b"]));

    [Fact]
    public void ParseId_OtherRecordsBesideOne_AreDiscarded() =>
        Assert.Equal("a", MtaStsTxtRecord.ParseId(["v=spf1 -all", "v=STSv1; id=a", "V=STSv1; id=b", "v=STSv10; id=c"]));

    [Fact]
    public void ParseId_NoRecord_IsNoPolicy() => Assert.Null(MtaStsTxtRecord.ParseId([]));
}
