using System.Globalization;
using Mailstrom.Cli.Rendering;
using Mailstrom.Contracts;
using Spectre.Console;

namespace Mailstrom.Cli.Watching;

/// <summary>
/// The watch view for output that is not an interactive terminal (a pipe, a CI log): one line each time a recipient's
/// state or attempt count changes, instead of redrawing a table; the MTA-STS policy applied is added when there is one.
/// </summary>
internal sealed class StateChangeLog
{
    private readonly IAnsiConsole _console;
    private readonly Dictionary<string, (string? Status, int Attempts)> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the log.</summary>
    /// <param name="console">Where lines are written.</param>
    public StateChangeLog(IAnsiConsole console) => _console = console;

    /// <summary>Writes a line for each recipient that changed since the last reading.</summary>
    /// <param name="status">The new reading.</param>
    public void Write(EmailStatusResponse status)
    {
        ArgumentNullException.ThrowIfNull(status);
        foreach (var recipient in status.CustomStatus?.Recipients ?? [])
        {
            var now = (recipient.Status, recipient.Attempts);
            if (_seen.TryGetValue(recipient.Address, out var before) && before == now)
            {
                continue;
            }

            _seen[recipient.Address] = now;
            var reply = ReplyText.Format(recipient);
            var attempts = recipient.Attempts == 1 ? "1 attempt" : $"{recipient.Attempts.ToString(CultureInfo.InvariantCulture)} attempts";
            var line = $"{Markup.Escape(recipient.Address)}: {StateStyles.Recipient(recipient)} after {attempts}";
            line = reply.Length == 0 ? line : $"{line} · {Markup.Escape(reply)}";
            _console.MarkupLine(string.IsNullOrEmpty(recipient.MtaSts) ? line : $"{line} · MTA-STS {Markup.Escape(recipient.MtaSts)}");
        }
    }
}
