using Mailstrom.Cli.Tests.Infrastructure;

namespace Mailstrom.Cli.Tests.Commands;

public sealed class TerminateCommandTests : IDisposable
{
    private readonly CliServer _server = CliServer.Create();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Terminate_PendingEmail_CancelsItsRecipientsAndKeepsTheReason()
    {
        var cli = MailstromCli.For(_server);
        var id = await cli.SendAsync();

        var result = await cli.RunAsync("terminate", id, "--reason", "wrong list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Terminated {id}", result.Output, StringComparison.Ordinal);
        var status = await cli.RunAsync("status", id);
        Assert.Matches(@"bob@example\.net\s*│ Cancelled", status.Output);
        Assert.Contains("reason: wrong list", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_Twice_SaysAlreadyFinalAndExits3()
    {
        var cli = MailstromCli.For(_server);
        var id = await cli.SendAsync();
        await cli.RunAsync("terminate", id);

        var result = await cli.RunAsync("terminate", id);

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("(410 Gone)", result.Output, StringComparison.Ordinal);
        Assert.Contains("is already terminal", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_UnknownId_Exits4()
    {
        var result = await MailstromCli.For(_server).RunAsync("terminate", "0195f1c2000070008000000000000000");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
    }
}
