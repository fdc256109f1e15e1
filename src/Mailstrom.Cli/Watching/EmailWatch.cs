using System.Globalization;
using Mailstrom.Cli.Api;
using Mailstrom.Cli.Rendering;
using Spectre.Console;

namespace Mailstrom.Cli.Watching;

/// <summary>
/// Follows one email until it is final: a live table on an interactive terminal, a line per change elsewhere, then
/// the final table. The exit code says whether every recipient was delivered.
/// </summary>
internal sealed class EmailWatch
{
    private readonly IAnsiConsole _console;
    private readonly TimeProvider _time;

    /// <summary>Creates the watch.</summary>
    /// <param name="console">Where the view is drawn.</param>
    /// <param name="time">The clock for waits and relative times.</param>
    public EmailWatch(IAnsiConsole console, TimeProvider time)
    {
        _console = console;
        _time = time;
    }

    /// <summary>Watches the email.</summary>
    /// <param name="client">The API.</param>
    /// <param name="id">The email id.</param>
    /// <param name="schedule">The waits between reads.</param>
    /// <param name="maxWait">The longest watch, or <see langword="null"/> for no limit.</param>
    /// <param name="cancellationToken">Stops watching (Ctrl+C).</param>
    /// <returns><see cref="ExitCodes.Success"/> when every recipient was delivered, else <see cref="ExitCodes.NotDelivered"/>.</returns>
    /// <exception cref="Errors.CliException">The status could not be read, or <paramref name="maxWait"/> ran out.</exception>
    public async Task<int> RunAsync(
        MailstromApiClient client, string id, PollingSchedule schedule, TimeSpan? maxWait, CancellationToken cancellationToken)
    {
        var watcher = new StatusWatcher(client, schedule, _time);
        StatusReading final;
        var capabilities = _console.Profile.Capabilities;
        if (capabilities.Interactive && capabilities.Ansi)
        {
            final = await _console.Live(new Text($"Reading the status of {id}…"))
                .AutoClear(false)
                .StartAsync(context => watcher.WatchAsync(id, (reading, wait) =>
                {
                    context.UpdateTarget(StatusView.Build(reading.Status, _time.GetUtcNow(), reading.IsFinal ? null : Footer(wait)));
                    context.Refresh();
                }, maxWait, cancellationToken));
        }
        else
        {
            var log = new StateChangeLog(_console);
            final = await watcher.WatchAsync(id, (reading, _) => log.Write(reading.Status), maxWait, cancellationToken);
            _console.Write(StatusView.Build(final.Status, _time.GetUtcNow()));
        }

        return EmailStates.AllDelivered(final.Status) ? ExitCodes.Success : ExitCodes.NotDelivered;
    }

    private string Footer(TimeSpan wait)
    {
        var readAt = _time.GetUtcNow().UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var next = wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        return $"[grey]Read at {readAt}Z · next read in {next} s · Ctrl+C stops watching; delivery goes on[/]";
    }
}
