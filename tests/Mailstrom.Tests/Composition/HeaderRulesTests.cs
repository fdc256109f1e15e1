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

    [Theory]
    [InlineData("Return-Path")]
    [InlineData("received")]
    [InlineData("Received-SPF")]
    [InlineData("Delivered-To")]
    [InlineData("X-Original-To")]
    [InlineData("envelope-to")]
    [InlineData("DKIM-Signature")]
    [InlineData("DomainKey-Signature")]
    [InlineData("ARC-Seal")]
    [InlineData("arc-message-signature")]
    [InlineData("ARC-Authentication-Results")]
    [InlineData("Authentication-Results")]
    [InlineData("Resent-From")]
    [InlineData("Resent-Message-ID")]
    public void CheckName_WhenTraceOrTransportField_Rejects(string name)
    {
        Assert.Contains("trace or transport field", HeaderRules.CheckName(name), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=?utf-8?q?a=0D=0Ab?=")]
    [InlineData("x =?utf-8?b?AA==?= y")]
    [InlineData("=?iso-8859-1?q?=85?=")]
    public void CheckValue_WhenEncodedWordDecodesToControl_Rejects(string value)
    {
        Assert.Contains("RFC 2047-encoded", HeaderRules.CheckValue(value), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateCustomHeaders_WhenNameGivenTwiceInDifferentCase_RejectsTheSecond()
    {
        var headers = new Dictionary<string, string> { ["In-Reply-To"] = "<a@example.com>", ["in-reply-to"] = "<b@example.com>" };

        var error = Assert.Throws<EmailValidationException>(() => HeaderRules.ValidateCustomHeaders(headers, new LimitsOptions()));

        Assert.Equal("headers.in-reply-to", error.Field);
    }

    [Fact]
    public void ValidateCustomHeaders_WhenOverTheCount_RejectsOnHeaders()
    {
        var headers = Enumerable.Range(0, 4).ToDictionary(i => $"X-H{i}", _ => "v");

        var error = Assert.Throws<EmailValidationException>(() => HeaderRules.ValidateCustomHeaders(headers, new LimitsOptions { MaxHeaders = 3 }));

        Assert.Equal(("headers", ValidationErrorKind.Invalid), (error.Field, error.Kind));
    }

    [Fact]
    public void ValidateCustomHeaders_WhenOverTheBytes_RejectsTooLargeOnHeaders()
    {
        var headers = Enumerable.Range(0, 3).ToDictionary(i => $"X-H{i}", _ => new string('v', 500));

        var error = Assert.Throws<EmailValidationException>(() => HeaderRules.ValidateCustomHeaders(headers, new LimitsOptions { MaxHeaderBytes = 1024 }));

        Assert.Equal(("headers", ValidationErrorKind.TooLarge), (error.Field, error.Kind));
    }

    [Theory]
    [InlineData("=?utf-8?q?Hi=0D=0ABcc=3A_x=40example=2Enet?=")]
    [InlineData("=?utf-8?b?SGkACg==?=")]
    public void ValidateSubject_WhenEncodedWordDecodesToControl_Rejects(string subject)
    {
        var error = Assert.Throws<EmailValidationException>(() => HeaderRules.ValidateSubject(subject, 998));

        Assert.Equal(("subject", ValidationErrorKind.Invalid), (error.Field, error.Kind));
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void ValidateSubject_LengthLimitIsTooLarge(int length, bool accepted)
    {
        var error = Record.Exception(() => HeaderRules.ValidateSubject(new string('s', length), 10));

        Assert.Equal(accepted, error is null);
        Assert.True(accepted || error is EmailValidationException { Kind: ValidationErrorKind.TooLarge, Field: "subject" });
    }

    [Theory]
    [InlineData("Subject", true)]
    [InlineData("message-id", true)]
    [InlineData("References", true)]
    [InlineData("Keywords", false)]
    [InlineData("Comments", false)]
    public void SingleInstanceNames_FollowRfc5322Section36(string name, bool single)
    {
        Assert.Equal(single, HeaderRules.SingleInstanceNames.Contains(name));
    }
}
