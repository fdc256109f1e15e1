using Mailstrom.Composition;

namespace Mailstrom.Tests.Composition;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("Alice Example")]
    [InlineData("Jürgen Müller")]
    [InlineData("王小明")]
    [InlineData("محمد")]
    [InlineData("Team 🚀")]
    [InlineData("tab\tseparated")]
    [InlineData("=?utf-8?q?J=C3=BCrgen?=")]
    public void CheckDisplayName_WhenPlain_Accepts(string name)
    {
        Assert.Null(NameRules.CheckDisplayName(name));
    }

    [Theory]
    [InlineData("Boss\r\nBcc: x", "control characters")]
    [InlineData("nul\0", "control characters")]
    [InlineData("=?utf-8?q?Boss=0A?=", "control characters")]
    [InlineData("LRE\u202Ax", "direction-changing")]
    [InlineData("RLE\u202Bx", "direction-changing")]
    [InlineData("PDF\u202Cx", "direction-changing")]
    [InlineData("LRO\u202Dx", "direction-changing")]
    [InlineData("RLO\u202Ex", "direction-changing")]
    [InlineData("LRI\u2066x", "direction-changing")]
    [InlineData("RLI\u2067x", "direction-changing")]
    [InlineData("FSI\u2068x", "direction-changing")]
    [InlineData("PDI\u2069x", "direction-changing")]
    [InlineData("ZWSP\u200Bx", "invisible")]
    [InlineData("ZWNJ\u200Cx", "invisible")]
    [InlineData("ZWJ\u200Dx", "invisible")]
    [InlineData("LRM\u200Ex", "invisible")]
    [InlineData("RLM\u200Fx", "invisible")]
    [InlineData("LS\u2028x", "invisible")]
    [InlineData("PS\u2029x", "invisible")]
    [InlineData("BOM\uFEFFx", "invisible")]
    [InlineData("soft\u00ADhyphen", "invisible")]
    [InlineData("ALM\u061Cx", "invisible")]
    [InlineData("word joiner\u2060x", "invisible")]
    [InlineData("tag\U000E0041x", "invisible")]
    [InlineData("=?utf-8?q?Eve=E2=80=AE?=", "direction-changing")]
    public void CheckDisplayName_WhenItHidesOrReorders_Refuses(string name, string fragment)
    {
        Assert.Contains(fragment, NameRules.CheckDisplayName(name), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report.pdf", null)]
    [InlineData("Übersicht 2030.pdf", null)]
    [InlineData("", "is required")]
    [InlineData("a\r\nb.txt", "control characters")]
    [InlineData("a\tb.txt", "control characters")]
    [InlineData("=?utf-8?q?a=0Ab?=.txt", "control characters")]
    [InlineData("invoice\u202Efdp.exe", "direction-changing")]
    [InlineData("a\u200B.txt", "invisible")]
    [InlineData("../etc/passwd", "without a path")]
    [InlineData("c:\\x.bin", "without a path")]
    [InlineData("..", "without a path")]
    [InlineData("=?utf-8?q?=2E=2E=2Fx?=", "without a path")]
    public void CheckFileName_AppliesEveryRule(string fileName, string? fragment)
    {
        var error = NameRules.CheckFileName(fileName);

        if (fragment is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(fragment, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckFileName_WhenLongerThan255_Refuses()
    {
        Assert.Contains("255", NameRules.CheckFileName(new string('f', 256)), StringComparison.Ordinal);
    }
}
