using System.ComponentModel;
using Mailstrom.Cli.Watching;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary>The options of the commands that can follow an email until it is final: <c>send</c> and <c>status</c>.</summary>
internal class WatchSettings : ServerSettings
{
    /// <summary>Whether to follow the email until it is final.</summary>
    [CommandOption("-w|--watch")]
    [Description("Follow the email live until it is final; exit 0 only if every recipient was delivered.")]
    public bool Watch { get; init; }

    /// <summary>A fixed polling interval in seconds, replacing the server's Retry-After.</summary>
    [CommandOption("--interval <SECONDS>")]
    [Description("With --watch: read the status every SECONDS (0.05 to 300) instead of when the server's Retry-After says (kept within 1 to 30 s).")]
    public double? Interval { get; init; }

    /// <summary>The longest watch in seconds.</summary>
    [CommandOption("--max-wait <SECONDS>")]
    [Description("With --watch: stop after SECONDS if the email is still not final (exit 7); delivery goes on.")]
    public double? MaxWait { get; init; }

    /// <summary>The polling schedule these options ask for.</summary>
    public PollingSchedule Schedule => new(Interval is { } seconds ? TimeSpan.FromSeconds(seconds) : null);

    /// <summary>The longest watch, or <see langword="null"/> for none.</summary>
    public TimeSpan? MaxWaitSpan => MaxWait is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } failure)
        {
            return failure;
        }

        if (!Watch && (Interval is not null || MaxWait is not null))
        {
            return ValidationResult.Error("--interval and --max-wait apply only with --watch.");
        }

        if (Interval is { } interval
            && (interval < PollingSchedule.MinimumFixed.TotalSeconds || interval > PollingSchedule.MaximumFixed.TotalSeconds))
        {
            return ValidationResult.Error(
                $"--interval must be from {PollingSchedule.MinimumFixed.TotalSeconds} to {PollingSchedule.MaximumFixed.TotalSeconds} seconds.");
        }

        return MaxWait is <= 0 ? ValidationResult.Error("--max-wait must be more than 0 seconds.") : ValidationResult.Success();
    }
}
