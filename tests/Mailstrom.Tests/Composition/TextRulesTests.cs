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
}
