using Mailstrom.Delivery;
using Mailstrom.Model;
using Mailstrom.Orchestration;
using Mailstrom.Retry;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Tests.Orchestration;

public sealed class RecipientTransitionsTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetryOptions NoJitter = new() { JitterFactor = 0 };

    private static readonly AttemptOutcome Accepted = new(AttemptOutcomeKind.Delivered, 250, "2.0.0", "Ok: queued as 4F1", "mx.example.net", "TLSv1.3 TLS_AES_256_GCM_SHA384");
    private static readonly AttemptOutcome TempFail = new(AttemptOutcomeKind.Transient, 451, "4.3.0", "Try again later", "mx.example.net");
    private static readonly AttemptOutcome Rejected = new(AttemptOutcomeKind.Permanent, 550, "5.1.1", "No such user", "mx.example.net");

    private static RecipientStatus Queued() => new("user@example.net", DeliveryStatus.Queued);

    [Fact]
    public void Apply_WhenDelivered_IsFinalWithTheReplyRecorded()
    {
        var now = Created.AddSeconds(3);

        var after = RecipientTransitions.Apply(Queued(), Accepted, Created, now, NoJitter, 0.5);

        Assert.Equal(DeliveryStatus.Delivered, after.Status);
        Assert.Equal(1, after.Attempts);
        Assert.Equal(now, after.LastAttemptTime);
        Assert.Null(after.NextAttemptTime);
        Assert.Equal(250, after.SmtpCode);
        Assert.Equal("2.0.0", after.EnhancedStatusCode);
        Assert.Equal("Ok: queued as 4F1", after.Response);
        Assert.Equal("mx.example.net", after.MxHost);
        Assert.Equal("TLSv1.3 TLS_AES_256_GCM_SHA384", after.Tls);
    }

    [Fact]
    public void Apply_AReplyLongerThanTheLimit_IsKeptCutToTheLimit()
    {
        var endless = new AttemptOutcome(AttemptOutcomeKind.Transient, 451, "4.3.0", "4.3.0 " + new string('x', 100_000), "mx.example.net");

        var after = RecipientTransitions.Apply(Queued(), endless, Created, Created.AddSeconds(1), NoJitter, 0.5);

        Assert.Equal(RecipientStatus.MaxResponseLength, after.Response!.Length);
        Assert.StartsWith("4.3.0 xxx", after.Response, StringComparison.Ordinal);
        Assert.EndsWith("…", after.Response, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_WhenPermanentFailure_FailsAtOnceWithoutRetry()
    {
        var after = RecipientTransitions.Apply(Queued(), Rejected, Created, Created, NoJitter, 0.5);

        Assert.Equal(DeliveryStatus.Failed, after.Status);
        Assert.Null(after.NextAttemptTime);
        Assert.Equal("No such user", after.Response);
    }

    [Fact]
    public void Apply_WhenRefusedBySuppressionList_FailsWithoutCountingAnAttempt()
    {
        var deferred = Queued() with { Status = DeliveryStatus.Deferred, Attempts = 2, LastAttemptTime = Created, NextAttemptTime = Created.AddMinutes(5), MxHost = "mx.example.net" };
        var refusal = AttemptOutcome.Local(AttemptOutcomeKind.Permanent, "5.1.1 Not attempted: user@example.net is on the suppression list") with { Cause = AttemptCause.Suppressed };

        var after = RecipientTransitions.Apply(deferred, refusal, Created, Created.AddMinutes(6), NoJitter, 0.5);

        Assert.Equal(DeliveryStatus.Failed, after.Status);
        Assert.Equal(2, after.Attempts);
        Assert.Equal(Created, after.LastAttemptTime);
        Assert.Null(after.NextAttemptTime);
        Assert.Null(after.MxHost);
        Assert.Null(after.SmtpCode);
        Assert.Equal("5.1.1", after.EnhancedStatusCode);
        Assert.Equal(refusal.Response, after.Response);
    }

    [Fact]
    public void Apply_WhenTemporaryFailure_DefersToStoredNextAttemptTime()
    {
        var time = new FakeTimeProvider(Created);
        time.Advance(TimeSpan.FromSeconds(2));

        var after = RecipientTransitions.Apply(Queued(), TempFail, Created, time.GetUtcNow(), NoJitter, 0.5);

        Assert.Equal(DeliveryStatus.Deferred, after.Status);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(5), after.NextAttemptTime);
        Assert.Equal(451, after.SmtpCode);
        Assert.Equal("4.3.0", after.EnhancedStatusCode);
    }

    // attempts already made, minutes since acceptance at this attempt, expected status, expected minutes until the next attempt
    [Theory]
    [InlineData(0, 0, DeliveryStatus.Deferred, 5)]
    [InlineData(1, 5, DeliveryStatus.Deferred, 10)]
    [InlineData(2, 15, DeliveryStatus.Deferred, 20)]
    [InlineData(3, 35, DeliveryStatus.Deferred, 40)]
    [InlineData(4, 75, DeliveryStatus.Deferred, 60)]
    [InlineData(30, 5700, DeliveryStatus.Deferred, 60)]
    [InlineData(90, 5730, DeliveryStatus.Deferred, 30)] // clamped to the 4-day deadline (5760 min)
    [InlineData(91, 5760, DeliveryStatus.Failed, null)] // at the deadline: give up
    [InlineData(92, 6000, DeliveryStatus.Failed, null)]
    public void Apply_WithDefaultSchedule_FollowsTheBackoffTable(int attemptsBefore, int minutesSinceCreated, DeliveryStatus expected, int? nextInMinutes)
    {
        var now = Created.AddMinutes(minutesSinceCreated);
        var before = new RecipientStatus("user@example.net", DeliveryStatus.Deferred, attemptsBefore);

        var after = RecipientTransitions.Apply(before, TempFail, Created, now, NoJitter, 0.5);

        Assert.Equal(expected, after.Status);
        Assert.Equal(attemptsBefore + 1, after.Attempts);
        Assert.Equal(nextInMinutes is null ? null : now.AddMinutes(nextInMinutes.Value), after.NextAttemptTime);
    }

    [Fact]
    public void Apply_WhenMaxAgeReached_FailsWithLastReplyAndReason()
    {
        var now = Created + NoJitter.MaxAge;

        var after = RecipientTransitions.Apply(new RecipientStatus("user@example.net", DeliveryStatus.Deferred, 40), TempFail, Created, now, NoJitter, 0.5);

        Assert.Equal(DeliveryStatus.Failed, after.Status);
        Assert.Equal(451, after.SmtpCode);
        Assert.Equal("4.3.0", after.EnhancedStatusCode);
        Assert.StartsWith("Try again later", after.Response, StringComparison.Ordinal);
        Assert.Contains("Mailstrom:Retry:MaxAge", after.Response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0, DeliveryStatus.Failed)]
    [InlineData(3, 1, DeliveryStatus.Deferred)]
    [InlineData(3, 2, DeliveryStatus.Failed)]
    public void Apply_WithMaxAttempts_GivesUpOnTheLastAttempt(int maxAttempts, int attemptsBefore, DeliveryStatus expected)
    {
        var options = new RetryOptions { MaxAttempts = maxAttempts, JitterFactor = 0 };

        var after = RecipientTransitions.Apply(new RecipientStatus("user@example.net", DeliveryStatus.Deferred, attemptsBefore), TempFail, Created, Created, options, 0.5);

        Assert.Equal(expected, after.Status);
        if (expected == DeliveryStatus.Failed)
        {
            Assert.Contains("Mailstrom:Retry:MaxAttempts", after.Response, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Failed)]
    [InlineData(DeliveryStatus.Cancelled)]
    public void Apply_WhenAlreadyFinal_ReturnsTheStateUnchanged(DeliveryStatus final)
    {
        var before = new RecipientStatus("user@example.net", final, 2, Created, null, "mx", 250, "2.0.0", "done");

        Assert.Same(before, RecipientTransitions.Apply(before, TempFail, Created, Created.AddHours(1), NoJitter, 0.5));
    }

    [Fact]
    public void Apply_WhenTemporaryFailureHasNoServerReply_GivesUpWithMailstromReason()
    {
        var options = new RetryOptions { MaxAttempts = 1 };
        var noReply = new AttemptOutcome(AttemptOutcomeKind.Transient, null, "4.4.1", null);

        var after = RecipientTransitions.Apply(Queued(), noReply, Created, Created, options, 0.5);

        Assert.Equal(DeliveryStatus.Failed, after.Status);
        Assert.StartsWith("Mailstrom gave up", after.Response, StringComparison.Ordinal);
    }
}
