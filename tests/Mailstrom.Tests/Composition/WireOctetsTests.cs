using System.Text;
using Mailstrom.Composition;

namespace Mailstrom.Tests.Composition;

public sealed class WireOctetsTests
{
    [Theory]
    [InlineData("plain\r\ntext\r\n", false, false)]
    [InlineData("LF only\nis fine\n", false, false)]
    [InlineData("Grüße\r\n", true, false)]
    [InlineData("nul\0here", false, true)]
    [InlineData("bare\rCR", false, true)]
    [InlineData("ends with CR\r", false, true)]
    public void Scan_FindsEightBitAndBreaks(string text, bool eightBit, bool broken)
    {
        Assert.Equal(new WireScan(eightBit, broken), WireOctets.Scan(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData(998, false)]
    [InlineData(999, true)]
    public void Scan_LineLimitIs998OctetsWithoutTheLineBreak(int length, bool broken)
    {
        var octets = Encoding.ASCII.GetBytes(new string('x', length) + "\r\nshort\r\n");

        Assert.Equal(broken, WireOctets.Scan(octets).Broken);
    }

    [Fact]
    public void SevenBitClean_OnlyWhenNeitherEightBitNorBroken()
    {
        Assert.True(new WireScan(false, false).SevenBitClean);
        Assert.False(new WireScan(true, false).SevenBitClean);
        Assert.False(new WireScan(false, true).SevenBitClean);
    }
}
