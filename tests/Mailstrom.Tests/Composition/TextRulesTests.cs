using Mailstrom.Composition;

namespace Mailstrom.Tests.Composition;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("plain", false, false)]
    [InlineData("tab\there", true, false)]
    [InlineData("tab\there", false, true)]
    [InlineData("cr\rhere", true, true)]
    [InlineData("lf\nhere", true, true)]
    [InlineData("nel\u0085here", true, true)]
    [InlineData("Grüße 你好", false, false)]
    public void HasControlCharacter_FlagsControlsAndOptionallyTab(string text, bool allowTab, bool expected)
    {
        Assert.Equal(expected, TextRules.HasControlCharacter(text, allowTab));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("=?utf-8?q?Gr=C3=BC=C3=9Fe?=", "Grüße")]
    [InlineData("=?utf-8?q?a=0D=0Ab?=", "a\r\nb")]
    [InlineData("=?utf-8?b?YQBi?=", "a\0b")]
    [InlineData("not =? an encoded word", "not =? an encoded word")]
    public void Decoded_DecodesEncodedWordsAsAReaderDoes(string text, string expected)
    {
        Assert.Equal(expected, TextRules.Decoded(text));
    }

    [Fact]
    public void DecodedRaw_UnfoldsThenDecodes()
    {
        var raw = System.Text.Encoding.ASCII.GetBytes(" =?utf-8?q?a=0D?=\r\n =?utf-8?q?b?=\r\n");

        Assert.Equal("a\rb", TextRules.DecodedRaw(raw).Trim(' ', '\n'));
    }

    [Theory]
    [InlineData("Grüße 你好 🚀", false)]
    [InlineData("Arabic محمد and Hebrew שלום", false)]
    [InlineData("rlo\u202Ehere", true)]
    [InlineData("zwsp\u200Bhere", true)]
    [InlineData("bom\uFEFFhere", true)]
    [InlineData("ls\u2028here", true)]
    public void HasDisguisingCharacter_FlagsFormatCharactersSeparatorsAndLoneSurrogates(string text, bool expected)
    {
        Assert.Equal(expected, TextRules.HasDisguisingCharacter(text));
    }

    [Theory]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void HasDisguisingCharacter_FlagsLoneSurrogates(int surrogate)
    {
        Assert.True(TextRules.HasDisguisingCharacter("lone " + (char)surrogate + " surrogate"));
    }
}
