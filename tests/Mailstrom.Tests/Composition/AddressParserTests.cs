using Mailstrom.Composition;
using MimeKit;

namespace Mailstrom.Tests.Composition;

public sealed class AddressParserTests
{
    [Fact]
    public void TryParse_WhenDisplayNameAndIdn_KeepsNameAndLowerCasesPunycodeDomain()
    {
        Assert.True(AddressParser.TryParse("Jöe Bloggs <Joe@Bücher.DE>", out var address, out _));

        Assert.Equal("Joe@xn--bcher-kva.de", address.Address);
        Assert.Equal("xn--bcher-kva.de", address.Domain);
        Assert.Equal("Jöe Bloggs", address.Mailbox.Name);
        Assert.False(address.RequiresSmtpUtf8);
    }

    [Fact]
    public void TryParse_WhenChineseMailbox_ConvertsDomainAndFlagsSmtpUtf8()
    {
        Assert.True(AddressParser.TryParse("用户@例子.广告", out var address, out _));

        Assert.Equal("用户@xn--fsqu00a.xn--4rr70v", address.Address);
        Assert.True(address.RequiresSmtpUtf8);
    }

    [Fact]
    public void TryParse_WhenQuotedLocalPart_KeepsQuotesInEnvelopeAndHeader()
    {
        Assert.True(AddressParser.TryParse("\"john doe\"@example.org", out var address, out _));

        Assert.Equal("\"john doe\"@example.org", address.Address);
        var reparsed = MailboxAddress.Parse(address.Mailbox.ToString());
        Assert.Equal("\"john doe\"@example.org", reparsed.Address);
    }

    [Fact]
    public void TryParse_WhenPunycodeGiven_StaysPunycode()
    {
        Assert.True(AddressParser.TryParse("a@xn--bcher-kva.de", out var address, out _));

        Assert.Equal("a@xn--bcher-kva.de", address.Address);
    }

    [Fact]
    public void TryParse_WhenLocalPartIsSixtyFourMultiByteOctets_Accepts()
    {
        // 21 three-byte characters plus one ASCII = 64 octets.
        var local = new string('汉', 21) + "a";

        Assert.True(AddressParser.TryParse(local + "@example.org", out var address, out _));
        Assert.True(address.RequiresSmtpUtf8);
    }

    [Fact]
    public void TryParse_WhenLocalPartIsSixtyFiveMultiByteOctets_Rejects()
    {
        var local = new string('汉', 21) + "ab";

        Assert.False(AddressParser.TryParse(local + "@example.org", out _, out var error));
        Assert.Contains("64 octets", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_WhenMailboxFromRawHeaderHasIpLiteral_Rejects()
    {
        var mailbox = MailboxAddress.Parse("user@[192.0.2.1]");

        Assert.False(AddressParser.TryValidate(mailbox, out _, out var error));
        Assert.Contains("IP-literal", error, StringComparison.Ordinal);
    }

    [Fact]
    public void StrictOptions_RefuseAddressesWithoutDomain()
    {
        Assert.False(AddressParser.StrictOptions.AllowAddressesWithoutDomain);
        Assert.Equal(RfcComplianceMode.Strict, AddressParser.StrictOptions.AddressParserComplianceMode);
    }
}
