using Mailstrom.Durable.Content;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Model;
using Mailstrom.Submission;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Durable.Client;

/// <summary>
/// The Durable engine's idempotency: an email sent with a key has an id derived from the key
/// (<see cref="IdempotentIds"/>). Within the key's window a second submission finds the first email (a replay when it is
/// the same email, a conflict otherwise), even after that email was purged (its content leaves a tombstone). Of several
/// submissions racing with one key, the one holding the content's start lock starts the email; a holder that dies lets
/// its lock lapse and the next one starts it.
/// </summary>
internal sealed class IdempotentSubmission(DurableTaskClient client, IMessageContentStore content, EmailStart start, TimeProvider timeProvider)
{
    /// <summary>How long a submission waits for a concurrent one with the same key to start the email.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StartPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Submits the email whose input carries its key's id and fingerprint.</summary>
    /// <param name="input">The instance input (its id derived from the key, its fingerprint set).</param>
    /// <param name="bytes">The message bytes.</param>
    /// <param name="now">The acceptance time.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The outcome, or <see langword="null"/> when the key's window has passed: the caller sends a new email with a new id.</returns>
    /// <exception cref="IdempotencyConflictException">The key was used for a different email within its window.</exception>
    public async Task<SendResult?> SubmitAsync(SendEmailInput input, ReadOnlyMemory<byte> bytes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fingerprint = input.RequestFingerprint ?? throw new ArgumentException("An idempotent submission carries a fingerprint.", nameof(input));
        switch (await FindEarlierAsync(input.EmailId, fingerprint, now, cancellationToken))
        {
            case { Expired: true }:
                return null;
            case { Replay: { } replay }:
                return replay;
            default:
                break;
        }

        await start.StoreAsync(input, bytes, cancellationToken);
        var deadline = timeProvider.GetUtcNow() + StartWait;
        while (true)
        {
            await using (var startLock = await content.TryLockAsync(input.EmailId, cancellationToken))
            {
                if (startLock is not null)
                {
                    return await StartHoldingTheLockAsync(input, startLock, now, cancellationToken);
                }
            }

            if ((await FindEarlierAsync(input.EmailId, fingerprint, now, cancellationToken)).Replay is { } started)
            {
                return started;
            }

            if (timeProvider.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Another submission with this idempotency key held the start of email {input.EmailId} for more than {StartWait}.");
            }

            await Task.Delay(StartPoll, timeProvider, cancellationToken);
        }
    }

    private async Task<SendResult?> StartHoldingTheLockAsync(SendEmailInput input, StartLock startLock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fingerprint = input.RequestFingerprint!;
        if ((await FindEarlierAsync(input.EmailId, fingerprint, now, cancellationToken)).Replay is { } started)
        {
            return started;
        }

        if (startLock.PurgedUntil is { } purgedUntil)
        {
            // The first email was purged: within the window the key keeps answering with its id, never sending again.
            return purgedUntil <= now ? null
                : string.Equals(startLock.Fingerprint, fingerprint, StringComparison.Ordinal) ? new SendResult(input.EmailId, Replayed: true)
                : throw new IdempotencyConflictException();
        }

        // The first submission's bytes were stored under this id: only that email may start with them.
        if (!string.Equals(startLock.Fingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw new IdempotencyConflictException();
        }

        await start.ScheduleAsync(input, cancellationToken);
        return new SendResult(input.EmailId, Replayed: false);
    }

    /// <summary>
    /// The earlier email with this key: a replay when it exists within the key's window; expired when it exists but its
    /// window has passed; neither when there is none.
    /// </summary>
    /// <exception cref="IdempotencyConflictException">The earlier email is a different one.</exception>
    private async Task<(SendResult? Replay, bool Expired)> FindEarlierAsync(string id, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } earlier)
        {
            return (null, false);
        }

        if (earlier.CreatedAt + IdempotencyRequest.Window <= now)
        {
            return (null, true);
        }

        return string.Equals(earlier.ReadInputAs<SendEmailInput>()?.RequestFingerprint, fingerprint, StringComparison.Ordinal)
            ? (new SendResult(id, Replayed: true), false)
            : throw new IdempotencyConflictException();
    }
}
