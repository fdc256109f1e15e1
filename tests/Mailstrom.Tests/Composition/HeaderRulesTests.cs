using Mailstrom.Composition;

namespace Mailstrom.Tests.Composition;

public sealed class HeaderRulesTests
{
    [Theory]
    [InlineData("X-Campaign")]
    [InlineData("List-Unsubscribe")]
    [InlineData("In-Reply-To")]
    [InlineData("X-!#$%&'*+-.^_`|~")]
    public void CheckName_WhenFieldNameIsFree_Accepts(string name)
    {
        Assert.Null(HeaderRules.CheckName(name));
    }

    [Theory]
    [InlineData("from")]
    [InlineData("SENDER")]
    [InlineData("Reply-To")]
    [InlineData("Subject")]
    [InlineData("Content-Disposition")]
    public void CheckName_WhenReserved_Rejects(string name)
    {
        Assert.Contains("is set by Mailstrom", HeaderRules.CheckName(name), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckName_WhenLongerThan76_Rejects()
    {
        Assert.NotNull(HeaderRules.CheckName("X-" + new string('a', 75)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain value")]
    [InlineData("tab\tseparated")]
    [InlineData("Grüße")]
    public void CheckValue_WhenNoControlCharacters_Accepts(string value)
    {
        Assert.Null(HeaderRules.CheckValue(value));
    }

    [Theory]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    public void CheckValue_WhenControlCharacter_Rejects(string value)
    {
        Assert.NotNull(HeaderRules.CheckValue(value));
    }

    [Fact]
    public void ValidateCustomHeaders_WhenExactlyAtLimit_Accepts()
    {
        var limits = new LimitsOptions();
        var headers = Enumerable.Range(0, limits.MaxHeaders).ToDictionary(i => $"X-H{i}", _ => "v");

        HeaderRules.ValidateCustomHeaders(headers, limits);
    }

    [Fact]
    public void ValidateSubject_WhenTabPresent_Accepts()
    {
        HeaderRules.ValidateSubject("a\tb", 998);
    }
}
