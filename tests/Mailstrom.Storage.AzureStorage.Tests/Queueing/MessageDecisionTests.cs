using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage.Tests.Queueing;

public sealed class MessageDecisionTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan OrphanMaxAge = TimeSpan.FromMinutes(10);

    [Fact]
    public void DueRecipientWithoutLease_IsTaken() =>
        Assert.Equal(MessageAction.Take, Decide(Recipient()).Action);

    [Fact]
    public void NotYetDue_IsHiddenUntilDueByTheStoreClock()
    {
        var decision = Decide(Recipient(due: Now.AddHours(1)));

        Assert.Equal((MessageAction.Hide, TimeSpan.FromHours(1)), (decision.Action, decision.Delay));
    }

    [Fact]
    public void LeasedBySomeoneElse_IsHiddenUntilTheLeaseLapses()
    {
        var decision = Decide(Recipient(lease: Now.AddMinutes(5)));

        Assert.Equal((MessageAction.Hide, TimeSpan.FromMinutes(5)), (decision.Action, decision.Delay));
    }

    [Fact]
    public void DueInTenDays_IsHiddenForAtMostSevenDays() =>
        Assert.Equal(TimeSpan.FromDays(7), Decide(Recipient(due: Now.AddDays(10))).Delay);

    [Theory]
    [InlineData("Delivered")]
    [InlineData("Failed")]
    [InlineData("Cancelled")]
    public void FinalRecipient_MessageIsDeleted(string status) =>
        Assert.Equal(MessageAction.Delete, Decide(Recipient(status: status)).Action);

    [Fact]
    public void TerminatedEmail_MessageIsDeleted() =>
        Assert.Equal(MessageAction.Delete, Decide(Recipient(), new EmailEntity { Terminated = true }).Action);

    [Fact]
    public void MessageThatIsNotTheRecipientsCurrentOne_IsDeletedAsADuplicate() =>
        Assert.Equal(MessageAction.Delete, Decide(Recipient(messageId: "other")).Action);

    [Fact]
    public void ExcludedDomain_IsReleasedForOthers() =>
        Assert.Equal(MessageAction.Release, Decide(Recipient(), excluded: "example.test").Action);

    [Fact]
    public void ClaimedTooOftenWithoutAResult_IsPoisonWithAnInternalReason()
    {
        var decision = Decide(Recipient(unrecordedClaims: 20));

        Assert.Equal(MessageAction.Poison, decision.Action);
        Assert.Contains("20 times", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingEmail_YoungMessageIsHiddenForARecheckAndAnOldOneDropped()
    {
        var young = MessageDecision.Decide(null, null, "m1", TimeSpan.FromMinutes(1), Now, Now, _ => false, 20, OrphanMaxAge);
        var old = MessageDecision.Decide(null, null, "m1", TimeSpan.FromMinutes(11), Now, Now, _ => false, 20, OrphanMaxAge);

        Assert.Equal((MessageAction.Hide, MessageDecision.OrphanRecheckDelay), (young.Action, young.Delay));
        Assert.Equal(MessageAction.Delete, old.Action);
    }

    [Fact]
    public void MissingRecipient_MessageIsDeleted() =>
        Assert.Equal(MessageAction.Delete, MessageDecision.Decide(new EmailEntity(), null, "m1", TimeSpan.Zero, Now, Now, _ => false, 20, OrphanMaxAge).Action);

    private static MessageDecision Decide(RecipientEntity recipient, EmailEntity? email = null, string? excluded = null) =>
        MessageDecision.Decide(
            email ?? new EmailEntity(), recipient, "m1", TimeSpan.Zero, Now, Now,
            domain => string.Equals(domain, excluded, StringComparison.OrdinalIgnoreCase), 20, OrphanMaxAge);

    private static RecipientEntity Recipient(
        DateTimeOffset? due = null, DateTimeOffset? lease = null, string status = "Queued", string messageId = "m1", int unrecordedClaims = 0) =>
        new()
        {
            Domain = "example.test",
            Status = status,
            NextAttemptTicks = (due ?? Now).UtcTicks,
            LeaseExpiresTicks = lease?.UtcTicks,
            QueueMessageId = messageId,
            UnrecordedClaims = unrecordedClaims,
        };
}
