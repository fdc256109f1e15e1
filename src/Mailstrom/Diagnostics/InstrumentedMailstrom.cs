using System.Diagnostics;
using Mailstrom.Composition;
using Mailstrom.Model;
using Mailstrom.Storage;
using Mailstrom.Submission;
using Mailstrom.Suppression;
using MimeKit;

namespace Mailstrom.Diagnostics;

/// <summary>
/// Wraps an engine's <see cref="IMailstrom"/> with the acceptance telemetry, so that both engines report it the same
/// way: a <see cref="MailstromTelemetry.AcceptSpan"/> span and the accepted, refused and duration metrics per submission.
/// Reads pass straight through. The engines' registrations apply it; an engine created by hand is wrapped with it.
/// </summary>
/// <param name="inner">The engine.</param>
/// <param name="metrics">The instruments.</param>
/// <param name="timeProvider">The clock of the durations.</param>
public sealed class InstrumentedMailstrom(IMailstrom inner, MailstromMetrics metrics, TimeProvider timeProvider) : IMailstrom
{
    /// <summary>The engine inside.</summary>
    public IMailstrom Inner => inner;

    /// <inheritdoc />
    public async Task<string> SendAsync(EmailRequest request, CancellationToken cancellationToken = default) =>
        (await AcceptAsync(() => Wrap(inner.SendAsync(request, cancellationToken)))).Id;

    /// <inheritdoc />
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken = default) =>
        (await AcceptAsync(() => Wrap(inner.SendAsync(message, cancellationToken)))).Id;

    /// <inheritdoc />
    public Task<SendResult> SendAsync(EmailRequest request, SendOptions options, CancellationToken cancellationToken = default) =>
        AcceptAsync(() => inner.SendAsync(request, options, cancellationToken));

    /// <inheritdoc />
    public Task<SendResult> SendAsync(MimeMessage message, SendOptions options, CancellationToken cancellationToken = default) =>
        AcceptAsync(() => inner.SendAsync(message, options, cancellationToken));

    /// <inheritdoc />
    public Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken = default) =>
        inner.GetStatusAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken = default) =>
        inner.TerminateAsync(id, reason, cancellationToken);

    /// <inheritdoc />
    public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken = default) =>
        inner.PurgeAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken = default) =>
        inner.ListAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<SuppressionPage> ListSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken = default) =>
        inner.ListSuppressionsAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveSuppressionAsync(string address, CancellationToken cancellationToken = default) =>
        inner.RemoveSuppressionAsync(address, cancellationToken);

    private async Task<SendResult> AcceptAsync(Func<Task<SendResult>> send)
    {
        using var span = MailstromTelemetry.Source.StartActivity(MailstromTelemetry.AcceptSpan);
        var started = timeProvider.GetTimestamp();
        try
        {
            var result = await send();
            metrics.Accepted(timeProvider.GetElapsedTime(started), result.Replayed);
            if (span is not null)
            {
                span.SetTag(TelemetryTags.EmailId, result.Id);
                span.SetTag(TelemetryTags.Replayed, result.Replayed);
            }

            return result;
        }
        catch (Exception ex)
        {
            var refusal = ex switch
            {
                EmailValidationException => "invalid",
                IdempotencyConflictException => "conflict",
                StoreUnavailableException => "unavailable",
                OperationCanceledException => "cancelled",
                _ => "error",
            };
            metrics.Refused(refusal);
            span?.SetStatus(ActivityStatusCode.Error, refusal);
            span?.SetTag(TelemetryTags.Refusal, refusal);
            throw;
        }
    }

    private static async Task<SendResult> Wrap(Task<string> send) => new(await send, Replayed: false);
}
