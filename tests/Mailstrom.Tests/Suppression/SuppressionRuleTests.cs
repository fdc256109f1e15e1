using Mailstrom.Delivery;
using Mailstrom.Suppression;

namespace Mailstrom.Tests.Suppression;

public sealed class SuppressionRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static AttemptOutcome Reply(AttemptOutcomeKind kind, int code, string enhanced) =>
        new(kind, code, enhanced, "No such user", "mx.example.com");

    [Theory]
    [InlineData(550, "5.1.1", true)]
    [InlineData(550, "5.1.2", true)]
    [InlineData(556, "5.1.10", true)]
    [InlineData(550, "5.7.1", false)]
    [InlineData(552, "5.2.2", false)]
    [InlineData(550, "5.1.3", false)]
    public void Suppresses_PermanentReply_ByItsEnhancedCode(int code, string enhanced, bool expected)
    {
        Assert.Equal(expected, SuppressionRule.Suppresses(Reply(AttemptOutcomeKind.Permanent, code, enhanced), new SuppressionOptions()));
    }

    [Theory]
    [InlineData(AttemptOutcomeKind.Transient)]
    [InlineData(AttemptOutcomeKind.Delivered)]
    public void Suppresses_NonPermanentOutcome_Never(AttemptOutcomeKind kind)
    {
        Assert.False(SuppressionRule.Suppresses(Reply(kind, 450, "5.1.1"), new SuppressionOptions()));
    }

    [Theory]
    [InlineData(AttemptCause.DomainNotFound, "5.1.2")]
    [InlineData(AttemptCause.NullMx, "5.1.10")]
    public void Suppresses_DnsVerdicts_ByCause_WhateverTheConfiguredCodes(AttemptCause cause, string enhanced)
    {
        var outcome = AttemptOutcome.Local(AttemptOutcomeKind.Permanent, $"{enhanced} some reason") with { Cause = cause };
        var onlyMailbox = new SuppressionOptions { StatusCodes = ["5.1.1"] };

        Assert.True(SuppressionRule.Suppresses(outcome, onlyMailbox));
    }

    [Fact]
    public void Suppresses_AReplyToTheWholeTransaction_Never()
    {
        var transaction = Reply(AttemptOutcomeKind.Permanent, 550, "5.1.1") with { Cause = AttemptCause.TransactionReply };

        Assert.False(SuppressionRule.Suppresses(transaction, new SuppressionOptions()));
    }

    [Fact]
    public void Suppresses_ConfiguredCodes_ReplaceTheDefault()
    {
        var options = new SuppressionOptions { StatusCodes = ["5.7.1"] };

        Assert.True(SuppressionRule.Suppresses(Reply(AttemptOutcomeKind.Permanent, 550, "5.7.1"), options));
        Assert.False(SuppressionRule.Suppresses(Reply(AttemptOutcomeKind.Permanent, 550, "5.1.1"), options));
    }

    [Fact]
    public void Suppresses_WhenDisabled_Never()
    {
        var options = new SuppressionOptions { Enabled = false };
        var nxdomain = AttemptOutcome.Local(AttemptOutcomeKind.Permanent, "5.1.2 gone") with { Cause = AttemptCause.DomainNotFound };

        Assert.False(SuppressionRule.Suppresses(Reply(AttemptOutcomeKind.Permanent, 550, "5.1.1"), options));
        Assert.False(SuppressionRule.Suppresses(nxdomain, options));
    }

    [Fact]
    public void Suppresses_ARefusalByTheList_NeverAgain()
    {
        var entry = new SuppressionEntry("a@example.com", 550, "5.1.1", "No such user", Now, "email-1");

        Assert.False(SuppressionRule.Suppresses(SuppressionRule.Refusal(entry), new SuppressionOptions()));
    }

    [Fact]
    public void EntryFor_SuppressingOutcome_KeepsReplyTimeAndEmail_WithNormalizedAddress()
    {
        var entry = SuppressionRule.EntryFor("email-7", "Someone@Reject.Example", Reply(AttemptOutcomeKind.Permanent, 550, "5.1.1"), Now, new SuppressionOptions());

        Assert.Equal(new SuppressionEntry("Someone@reject.example", 550, "5.1.1", "No such user", Now, "email-7"), entry);
    }

    [Fact]
    public void EntryFor_OtherOutcome_IsNull()
    {
        Assert.Null(SuppressionRule.EntryFor("email-7", "a@example.com", Reply(AttemptOutcomeKind.Permanent, 550, "5.7.1"), Now, new SuppressionOptions()));
    }

    [Fact]
    public void Refusal_IsPermanentSuppressed_AndNamesTheOrigin()
    {
        var entry = new SuppressionEntry("someone@reject.example", 550, "5.1.1", "No such user", Now, "email-1");

        var refusal = SuppressionRule.Refusal(entry);

        Assert.Equal(AttemptOutcomeKind.Permanent, refusal.Kind);
        Assert.Equal(AttemptCause.Suppressed, refusal.Cause);
        Assert.Null(refusal.SmtpCode);
        Assert.Null(refusal.MxHost);
        Assert.Equal("5.1.1", refusal.EnhancedStatusCode);
        Assert.Equal(
            "5.1.1 Not attempted: someone@reject.example is on the suppression list since 2026-03-01T12:00:00Z (email email-1: 550 5.1.1 No such user)",
            refusal.Response);
    }

    [Fact]
    public void Refusal_OfALocalVerdict_DoesNotRepeatItsCode()
    {
        var entry = new SuppressionEntry("x@missing.example", null, "5.1.2", "5.1.2 Recipient domain missing.example does not exist (DNS NXDOMAIN)", Now, "email-2");

        Assert.EndsWith("(email email-2: 5.1.2 Recipient domain missing.example does not exist (DNS NXDOMAIN))", SuppressionRule.Refusal(entry).Response, StringComparison.Ordinal);
    }
}
