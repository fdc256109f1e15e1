using Mailstrom.Composition;

namespace Mailstrom.Tests.Composition;

public sealed class RecipientSetTests
{
    private static ParsedAddress Parse(string text)
    {
        Assert.True(AddressParser.TryParse(text, out var address, out _));
        return address;
    }

    [Fact]
    public void Add_WhenSameAddressDiffersOnlyInCase_KeepsFirstOccurrence()
    {
        var set = new RecipientSet(10);

        Assert.True(set.Add(Parse("Joe@Example.org"), "to[0]"));
        Assert.False(set.Add(Parse("joe@example.ORG"), "cc[0]"));

        Assert.Equal("Joe@example.org", Assert.Single(set.Recipients).Address);
    }

    [Fact]
    public void Add_WhenDuplicateAtLimit_DoesNotThrow()
    {
        var set = new RecipientSet(1);
        set.Add(Parse("a@example.org"), "to[0]");

        Assert.False(set.Add(Parse("A@example.org"), "bcc[0]"));
    }

    [Fact]
    public void Add_WhenOverLimit_ThrowsNamingTheField()
    {
        var set = new RecipientSet(1);
        set.Add(Parse("a@example.org"), "to[0]");

        var error = Assert.Throws<EmailValidationException>(() => set.Add(Parse("b@example.org"), "bcc[3]"));

        Assert.Equal(("bcc[3]", ValidationErrorKind.Invalid), (error.Field, error.Kind));
    }

    [Fact]
    public void RequiresSmtpUtf8_WhenAnyRecipientNeedsIt_IsTrue()
    {
        var set = new RecipientSet(10);
        set.Add(Parse("a@example.org"), "to[0]");
        Assert.False(set.RequiresSmtpUtf8);

        set.Add(Parse("用户@example.org"), "to[1]");

        Assert.True(set.RequiresSmtpUtf8);
    }
}
