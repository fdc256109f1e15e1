using Mailstrom.Cli.Api;
using Mailstrom.Cli.Errors;

namespace Mailstrom.Cli.Watching;

/// <summary>
/// Reads an email's status again and again, as <see cref="PollingSchedule"/> says, until the email is final, reporting
/// every reading. Waits run on the <see cref="TimeProvider"/>, never on a sleep.
/// </summary>
internal sealed class StatusWatcher
{
    private readonly MailstromApiClient _client;
    private readonly PollingSchedule _schedule;
    private readonly TimeProvider _time;

    /// <summary>Creates the watcher.</summary>
    /// <param name="client">The API.</param>
    /// <param name="schedule">The waits between reads.</param>
    /// <param name="time">The clock for waits and the deadline.</param>
    public StatusWatcher(MailstromApiClient client, PollingSchedule schedule, TimeProvider time)
    {
        _client = client;
        _schedule = schedule;
        _time = time;
    }

    /// <summary>Watches until the email is final.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="onReading">Called with every reading, the final one included, and the wait before the next read (zero for the final one).</param>
    /// <param name="maxWait">The longest watch, or <see langword="null"/> for no limit.</param>
    /// <param name="cancellationToken">Stops watching (Ctrl+C).</param>
    /// <returns>The final reading.</returns>
    /// <exception cref="CliException">The status could not be read, or <paramref name="maxWait"/> ran out (<see cref="ExitCodes.StillRunning"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<StatusReading> WatchAsync(
        string id, Action<StatusReading, TimeSpan> onReading, TimeSpan? maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onReading);
        using var deadline = maxWait is { } limit ? new CancellationTokenSource(limit, _time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        StatusReading? last = null;
        try
        {
            while (true)
            {
                last = await _client.GetStatusAsync(id, linked.Token);
                if (last.IsFinal)
                {
                    onReading(last, TimeSpan.Zero);
                    return last;
                }

                var wait = _schedule.Next(last.RetryAfter);
                onReading(last, wait);
                await Task.Delay(wait, _time, linked.Token);
            }
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.StillRunning,
                $"Email {id} is still {last?.Status.RuntimeStatus ?? "not final"} after {maxWait!.Value.TotalSeconds:0.#} s (--max-wait); " +
                $"delivery goes on: run `mailstrom status {id} --watch` to follow it.", ex);
        }
    }
}
