using Mailstrom.Webhooks;
using Mailstrom.Webhooks.Sending;

namespace Mailstrom.Tests.Webhooks;

public sealed class WebhookRetryRuleTests
{
    private static readonly DateTimeOffset EventTime = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly WebhookOptions Options = new();

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    [InlineData(204)]
    public void Decide_2xx_IsDelivered(int status)
    {
        var decision = WebhookRetryRule.Decide(new WebhookResponse(status, null, "ok"), 1, EventTime, EventTime, Options);

        Assert.Equal(WebhookDecisionKind.Delivered, decision.Kind);
        Assert.Null(decision.NextAttemptTime);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(413)]
    public void Decide_4xxOtherThan408And429_IsDeadAtOnce(int status)
    {
        var decision = WebhookRetryRule.Decide(new WebhookResponse(status, null, $"HTTP {status}"), 1, EventTime, EventTime, Options);

        Assert.Equal(WebhookDecisionKind.Dead, decision.Kind);
        Assert.Contains("not retried", decision.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(301)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public void Decide_NoAnswerRedirect408429Or5xx_IsRetried(int? status)
    {
        var decision = WebhookRetryRule.Decide(new WebhookResponse(status, null, "x"), 1, EventTime, EventTime, Options);

        Assert.Equal(WebhookDecisionKind.Retry, decision.Kind);
        Assert.Equal(EventTime + TimeSpan.FromSeconds(5), decision.NextAttemptTime);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(8, 640)]
    [InlineData(10, 2560)]
    [InlineData(11, 3600)]
    [InlineData(40, 3600)]
    public void Decide_BacksOffExponentially_UpToTheMaximumDelay(int attempts, int seconds)
    {
        var now = EventTime + TimeSpan.FromMinutes(1);

        var decision = WebhookRetryRule.Decide(new WebhookResponse(503, null, "HTTP 503"), attempts, EventTime, now, Options);

        Assert.Equal(now + TimeSpan.FromSeconds(seconds), decision.NextAttemptTime);
    }

    [Theory]
    [InlineData(60, 60)]        // longer than the backoff: honoured
    [InlineData(2, 5)]          // shorter than the backoff: the backoff wins
    [InlineData(86_400, 3_600)] // beyond the maximum delay: bounded
    public void Decide_RetryAfter_IsHonouredWithinBounds(int retryAfter, int expectedSeconds)
    {
        var decision = WebhookRetryRule.Decide(new WebhookResponse(429, TimeSpan.FromSeconds(retryAfter), "HTTP 429"), 1, EventTime, EventTime, Options);

        Assert.Equal(EventTime + TimeSpan.FromSeconds(expectedSeconds), decision.NextAttemptTime);
    }

    [Fact]
    public void Decide_NearTheHorizon_LastTryIsAtTheHorizon_ThenDead()
    {
        var horizon = EventTime + Options.RetryHorizon;
        var almost = horizon - TimeSpan.FromMinutes(10);

        var last = WebhookRetryRule.Decide(new WebhookResponse(500, null, "HTTP 500"), 70, EventTime, almost, Options);
        var dead = WebhookRetryRule.Decide(new WebhookResponse(500, null, "HTTP 500"), 71, EventTime, horizon, Options);

        Assert.Equal(horizon, last.NextAttemptTime);
        Assert.Equal(WebhookDecisionKind.Dead, dead.Kind);
        Assert.Contains("given up after 71 tries", dead.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_DefaultHorizon_IsThreeDays()
    {
        Assert.Equal(TimeSpan.FromDays(3), new WebhookOptions().RetryHorizon);
    }
}
