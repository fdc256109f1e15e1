using System.Text;
using Mailstrom.Composition;
using MimeKit;

namespace Mailstrom.Tests.Composition;

public sealed class HeaderFieldRulesTests
{
    [Theory]
    [InlineData("X-Tag: plain")]
    [InlineData("X-Tag: tab\there")]
    [InlineData("X-Tag: folded\r\n  over two lines")]
    [InlineData("X-Tag: folded with LF\n\tonly")]
    [InlineData("Subject: Grüße aus Köln")]
    [InlineData("Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=")]
    [InlineData("Subject : obsolete space before the colon")]
    public void Check_WhenFieldMayBeSent_ReturnsNull(string line)
    {
        Assert.Null(HeaderFieldRules.Check(Parse(Encoding.UTF8.GetBytes(line))));
    }

    [Theory]
    [InlineData("X-Tag: a\0b", "control characters")]
    [InlineData("X-Tag: a\u0007b", "control characters")]
    [InlineData("X-Tag: a\u007fb", "control characters")]
    [InlineData("X-Tag: a\rb", "control characters")]
    [InlineData("X-Tag: a\u0085b", "as a mail reader decodes it")]
    [InlineData("X-Tag: =?utf-8?q?a=0Db?=", "as a mail reader decodes it")]
    [InlineData("X-Tag: =?utf-8?q?a=0Ab?=", "as a mail reader decodes it")]
    [InlineData("X-Tag: =?utf-8?b?AA==?=", "as a mail reader decodes it")]
    [InlineData("X-Tag: =?iso-8859-1?q?=85?=", "as a mail reader decodes it")]
    public void Check_WhenValueHoldsAControlCharacter_SaysSo(string line, string fragment)
    {
        Assert.Contains(fragment, HeaderFieldRules.Check(Parse(Encoding.UTF8.GetBytes(line))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void Check_WhenEightBitTextIsNotUtf8_SaysSo(byte[] octets)
    {
        var line = Encoding.ASCII.GetBytes("Subject: a").Concat(octets).Concat("b"u8.ToArray()).ToArray();

        Assert.Contains("not valid UTF-8", HeaderFieldRules.Check(Parse(line)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(998, true)]
    [InlineData(999, false)]
    public void Check_FirstLineCountsNameAndColon_UpTo998Octets(int octets, bool accepted)
    {
        var line = "X-Tag:" + new string('v', octets - "X-Tag:".Length);

        Assert.Equal(accepted, HeaderFieldRules.Check(Parse(Encoding.ASCII.GetBytes(line))) is null);
    }

    [Fact]
    public void Check_ContinuationLineOver998_SaysHowLong()
    {
        var line = "X-Tag: a\r\n " + new string('v', 998);

        Assert.Contains("999 octets", HeaderFieldRules.Check(Parse(Encoding.ASCII.GetBytes(line))), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FormattedJsonHeaderWithAnUnfoldableToken_IsRefused()
    {
        var header = new Header("References", "<" + new string('r', 990) + "@example.com>");

        Assert.Contains("octets", HeaderFieldRules.Check(header), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Tag", true)]
    [InlineData("X-!#$%&'*+-.^_`|~", true)]
    [InlineData("X Tag", false)]
    [InlineData("X:Tag", false)]
    [InlineData("X-Grüße", false)]
    [InlineData("", false)]
    public void IsFieldName_AcceptsPrintableAsciiWithoutColon(string name, bool expected)
    {
        Assert.Equal(expected, HeaderFieldRules.IsFieldName(name));
    }

    [Fact]
    public void NameOf_WhenLineIsNotAHeader_ShowsWhatStandsBeforeTheColon()
    {
        var message = ComposerFixture.ParseRaw("From: s@example.com\nX Bad\u0001: v\n\nbody\n");

        Assert.Equal("X Bad?", HeaderFieldRules.NameOf(message.Headers[1]));
    }

    private static Header Parse(byte[] line)
    {
        using var stream = new MemoryStream([.. line, .. "\r\n\r\nbody\r\n"u8]);
        return HeaderList.Load(stream)[0];
    }
}
