using System.ComponentModel;
using Mailstrom.Cli.Api;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary>The options every command shares: which server, which key, how long to wait for an answer.</summary>
internal class ServerSettings : CommandSettings
{
    /// <summary>The longest <c>--timeout</c> accepted, in seconds.</summary>
    public const double MaxTimeoutSeconds = 3600;

    /// <summary>The server's base URL.</summary>
    [CommandOption("--url <URL>")]
    [Description("The server's base URL. Default: $MAILSTROM_URL, else " + ServerEndpoint.DefaultUrl + ".")]
    public string? Url { get; init; }

    /// <summary>The function key.</summary>
    [CommandOption("--key <KEY>")]
    [Description("The API key, sent as the x-functions-key header. Default: $MAILSTROM_KEY. Never printed.")]
    public string? Key { get; init; }

    /// <summary>The longest wait for one answer, in seconds.</summary>
    [CommandOption("--timeout <SECONDS>")]
    [Description("The longest wait for one answer from the server, in seconds.")]
    [DefaultValue(30d)]
    public double Timeout { get; init; } = 30;

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Timeout is > 0 and <= MaxTimeoutSeconds
            ? ValidationResult.Success()
            : ValidationResult.Error($"--timeout must be more than 0 and at most {MaxTimeoutSeconds} seconds.");

    /// <summary>Opens a client for the server these options name.</summary>
    /// <param name="environment">The machine: transport and environment variables.</param>
    /// <returns>The client; dispose it.</returns>
    public MailstromApiClient OpenClient(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var endpoint = ServerEndpoint.Resolve(Url, Key, environment.GetVariable);
        return new MailstromApiClient(environment.CreateHttpHandler(), endpoint, TimeSpan.FromSeconds(Timeout));
    }
}
