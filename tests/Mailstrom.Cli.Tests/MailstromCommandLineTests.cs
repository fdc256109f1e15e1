using Mailstrom.Cli.Tests.Infrastructure;

namespace Mailstrom.Cli.Tests;

public sealed class MailstromCommandLineTests
{
    [Fact]
    public void PrepareArguments_LoneDashAfterAnOption_IsJoinedToIt()
    {
        Assert.Equal(["send", "--json=-", "--watch"], MailstromCommandLine.PrepareArguments(["send", "--json", "-", "--watch"]));
    }

    [Fact]
    public void PrepareArguments_EverythingElse_IsUnchanged()
    {
        string[] args = ["send", "--eml=-", "--subject", "a - b", "--text", "-x"];

        Assert.Equal(args, MailstromCommandLine.PrepareArguments(args));
    }

    [Fact]
    public async Task UnknownCommand_IsAUsageError()
    {
        var result = await new MailstromCli(() => new SocketsHttpHandler()).RunAsync("bounces");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Unknown command 'bounces'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var result = await new MailstromCli(() => new SocketsHttpHandler()).RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.All(new[] { "send", "status <ID>", "list", "terminate <ID>", "purge <ID>", "suppressions" },
            command => Assert.Contains(command, result.Output, StringComparison.Ordinal));
    }
}
