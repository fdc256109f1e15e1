using Mailstrom.Delivery;
using Mailstrom.Delivery.Smtp;

namespace Mailstrom.Tests.Delivery.Smtp;

public sealed class SmtpReplyTests
{
    [Theory]
    [InlineData(250, "2.0.0 Ok: queued as 4F1A2", "2.0.0")]
    [InlineData(451, "4.3.0 Try again later", "4.3.0")]
    [InlineData(550, "5.1.1 No such user", "5.1.1")]
    [InlineData(556, "5.1.10 Recipient address has null MX", "5.1.10")]
    [InlineData(452, "4.5.3 Too many recipients", "4.5.3")]
    [InlineData(550, "5.7.1 Relaying denied\nsecond line", "5.7.1")]
    [InlineData(421, "4.7.0 mx.example.com Error: too many connections", "4.7.0")]
    [InlineData(550, "No such user here", null)]
    [InlineData(250, "Ok", null)]
    [InlineData(451, "5.1.1 class disagrees with the code", null)]
    [InlineData(550, "5.1 too short", null)]
    [InlineData(550, "5.1.1234 detail too long", null)]
    [InlineData(550, "3.1.1 no such class", null)]
    [InlineData(250, "2.0.0", "2.0.0")]
    [InlineData(550, "", null)]
    public void ParseEnhancedStatusCode_ReadsTheLeadingCodeOnlyWhenItAgreesWithTheReply(int code, string text, string? expected) =>
        Assert.Equal(expected, SmtpReply.ParseEnhancedStatusCode(code, text));

    [Theory]
    [InlineData("4.4.2 Connection lost", "4.4.2")]
    [InlineData("no code", null)]
    [InlineData(null, null)]
    public void ParseEnhancedStatusCode_WithoutABasicCode_AcceptsAnyClass(string? text, string? expected) =>
        Assert.Equal(expected, SmtpReply.ParseEnhancedStatusCode(null, text));

    [Theory]
    [InlineData(250, AttemptOutcomeKind.Delivered)]
    [InlineData(251, AttemptOutcomeKind.Delivered)]
    [InlineData(421, AttemptOutcomeKind.Transient)]
    [InlineData(450, AttemptOutcomeKind.Transient)]
    [InlineData(451, AttemptOutcomeKind.Transient)]
    [InlineData(452, AttemptOutcomeKind.Transient)]
    [InlineData(500, AttemptOutcomeKind.Permanent)]
    [InlineData(550, AttemptOutcomeKind.Permanent)]
    [InlineData(552, AttemptOutcomeKind.Permanent)]
    [InlineData(554, AttemptOutcomeKind.Permanent)]
    [InlineData(354, AttemptOutcomeKind.Transient)]
    [InlineData(0, AttemptOutcomeKind.Transient)]
    public void Classify_Maps2xxDelivered4xxTransient5xxPermanent(int code, AttemptOutcomeKind expected) =>
        Assert.Equal(expected, SmtpReply.Classify(code));

    [Fact]
    public void ToOutcome_KeepsCodeEnhancedCodeTextHostAndTls()
    {
        var outcome = SmtpReply.ToOutcome(451, "4.3.0 Try again later", "mx.example.com", "TLSv1.3 TLS_AES_256_GCM_SHA384");

        Assert.Equal(new AttemptOutcome(AttemptOutcomeKind.Transient, 451, "4.3.0", "4.3.0 Try again later",
            "mx.example.com", "TLSv1.3 TLS_AES_256_GCM_SHA384"), outcome);
    }
}
