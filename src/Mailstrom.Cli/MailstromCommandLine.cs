using System.Reflection;
using Mailstrom.Cli.Commands;
using Mailstrom.Cli.Errors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli;

/// <summary>The <c>mailstrom</c> command tree, configured once for the real process and for tests.</summary>
internal static class MailstromCommandLine
{
    /// <summary>
    /// Prepares a command line for the parser: a lone <c>-</c> (standard input, as in <c>--json -</c>) is joined to the
    /// option before it as <c>--json=-</c>, because Spectre.Console.Cli reads a lone <c>-</c> as an option without a name.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <returns>The command line to parse.</returns>
    public static string[] PrepareArguments(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var prepared = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && !args[i].Contains('=', StringComparison.Ordinal)
                && i + 1 < args.Count && args[i + 1] == "-")
            {
                prepared.Add(args[i] + "=-");
                i++;
            }
            else
            {
                prepared.Add(args[i]);
            }
        }

        return [.. prepared];
    }

    /// <summary>Adds the commands, the error handling and the <paramref name="environment"/> they run in.</summary>
    /// <param name="config">The app's configurator.</param>
    /// <param name="environment">The machine the commands use.</param>
    public static void Configure(IConfigurator config, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(environment);
        config.Settings.Registrar.RegisterInstance(environment);
        config.SetApplicationName("mailstrom");
        config.SetApplicationVersion(
            typeof(MailstromCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");
        config.SetExceptionHandler((exception, _) =>
            CliErrorHandler.Report(exception, environment.ErrorConsole ?? config.Settings.Console ?? AnsiConsole.Console));

        config.AddCommand<SendCommand>("send")
            .WithDescription("Send an email from flags, a JSON body or a raw MIME file; prints its id.")
            .WithExample("send", "--from", "shop@example.org", "--to", "bob@example.net", "--subject", "Hi", "--text", "Hello", "--watch")
            .WithExample("send", "--json", "email.json")
            .WithExample("send", "--eml", "message.eml", "--idempotency-key", "order-1234");
        config.AddCommand<StatusCommand>("status")
            .WithDescription("Show an email's recipients; with --watch, live until the email is final.")
            .WithExample("status", "0195f1c2...", "--watch");
        config.AddCommand<ListCommand>("list")
            .WithDescription("List emails, newest first, with the API's filters and paging.")
            .WithExample("list", "--status", "Pending,Running", "--top", "20");
        config.AddCommand<TerminateCommand>("terminate")
            .WithDescription("Stop an email: recipients not yet final become Cancelled.")
            .WithExample("terminate", "0195f1c2...", "--reason", "sent by mistake");
        config.AddCommand<PurgeCommand>("purge")
            .WithDescription("Erase an email, its content and its history.")
            .WithExample("purge", "0195f1c2...");
        config.AddBranch("suppressions", suppressions =>
        {
            suppressions.SetDescription("Read or edit the suppression list: addresses refused without an attempt after a permanent 'no such mailbox or domain'.");
            suppressions.AddCommand<SuppressionListCommand>("list")
                .WithDescription("List suppressed addresses with the failure that put each there.")
                .WithExample("suppressions", "list", "--limit", "50");
            suppressions.AddCommand<SuppressionRemoveCommand>("remove")
                .WithDescription("Remove an address, so later email to it is attempted again.")
                .WithExample("suppressions", "remove", "bob@example.net");
        });
    }
}
