using Mailstrom.Diagnostics;

namespace Mailstrom.Tests.Diagnostics;

public sealed class LogTextTests
{
    [Theory]
    [InlineData("a\r\nb", @"a\r\nb")]
    [InlineData("a\nINFO forged line", @"a\nINFO forged line")]
    [InlineData("tab\there", @"tab\there")]
    [InlineData("nul\0byte", @"nul\u0000byte")]
    [InlineData("\u001b[31mred", @"\u001B[31mred")]
    [InlineData("del\u007f", @"del\u007F")]
    [InlineData("c1\u0085next", @"c1\u0085next")]
    [InlineData("line\u2028sep\u2029", @"line\u2028sep\u2029")]
    [InlineData("bidi\u202Eevil\u2066", @"bidi\u202Eevil\u2066")]
    [InlineData("zero\u200Bwidth\uFEFF", @"zero\u200Bwidth\uFEFF")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData(@"forged \r escape", @"forged \\r escape")]
    [InlineData("tag \U000E0041 character", @"tag \U000E0041 character")]
    public void Escape_MakesUnsafeCharactersVisible(string value, string expected) =>
        Assert.Equal(expected, LogText.Escape(value));

    [Theory]
    [InlineData("")]
    [InlineData("alice@example.com")]
    [InlineData("/api/emails/0123456789abcdef0123456789abcdef")]
    [InlineData("héllo wörld ✓ 日本語")]
    [InlineData("emoji \U0001F600 pair")]
    public void Escape_SafeText_IsReturnedAsItIs(string value) =>
        Assert.Same(value, LogText.Escape(value));

    [Fact]
    public void Escape_LoneSurrogates_AreEscapedAsCodeUnits()
    {
        // Built in code: attribute arguments cannot carry a lone surrogate.
        Assert.Equal(@"lone \uD800 high", LogText.Escape("lone " + '\ud800' + " high"));
        Assert.Equal(@"lone \uDC00 low", LogText.Escape("lone " + '\udc00' + " low"));
        Assert.Equal(@"reversed \uDE00\uD83D pair", LogText.Escape("reversed " + '\ude00' + '\ud83d' + " pair"));
    }

    [Fact]
    public void AsALogArgument_ItIsEscapedWhenWritten_AndConvertsFromAString()
    {
        LogText argument = "a\r\nb";

        Assert.Equal(@"a\r\nb", argument.ToString());
        Assert.Equal("(null)", new LogText(null).ToString());
        Assert.Equal(LogText.FromString("x"), (LogText)"x");
    }

    [Fact]
    public void Escape_Null_IsNull() => Assert.Null(LogText.Escape(null));

    [Fact]
    public void Escape_LongText_IsCutAndSaysHowMuchWasLeftOut()
    {
        var escaped = LogText.Escape(new string('x', 10_000));

        Assert.Equal(new string('x', LogText.MaxLength) + "...(+" + (10_000 - LogText.MaxLength) + ")", escaped);
    }

    [Fact]
    public void Escape_CutBetweenASurrogatePair_KeepsNoHalfCharacter()
    {
        var value = new string('x', LogText.MaxLength - 1) + "\U0001F600tail";

        var escaped = LogText.Escape(value)!;

        Assert.StartsWith(new string('x', LogText.MaxLength - 1) + "...(+", escaped, StringComparison.Ordinal);
        Assert.DoesNotContain('\ud83d', escaped);
    }

    [Fact]
    public void Escape_EveryControlCharacter_LeavesNoneInTheOutput()
    {
        var all = string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c));

        var escaped = LogText.Escape(all)!;

        Assert.DoesNotContain(escaped, char.IsControl);
    }
}
