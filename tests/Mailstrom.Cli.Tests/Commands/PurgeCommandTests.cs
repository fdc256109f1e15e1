using Mailstrom.Cli.Tests.Infrastructure;

namespace Mailstrom.Cli.Tests.Commands;

public sealed class PurgeCommandTests : IDisposable
{
    private readonly CliServer _server = CliServer.Create();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Purge_ThenStatus_IsNotFound()
    {
        var cli = MailstromCli.For(_server);
        var id = await cli.SendAsync();

        var purged = await cli.RunAsync("purge", id);

        Assert.Equal(0, purged.ExitCode);
        Assert.Contains($"Purged {id}.", purged.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await cli.RunAsync("status", id)).ExitCode);
    }

    [Fact]
    public async Task Purge_UnknownId_Exits4()
    {
        var result = await MailstromCli.For(_server).RunAsync("purge", "0195f1c2000070008000000000000000");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("Not found (404 Not Found)", result.Output, StringComparison.Ordinal);
    }
}
