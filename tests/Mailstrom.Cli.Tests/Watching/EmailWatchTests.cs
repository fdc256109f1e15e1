using Mailstrom.Cli.Tests.Infrastructure;
using Mailstrom.Testing.Rig;

namespace Mailstrom.Cli.Tests.Watching;

/// <summary><c>--watch</c> against a server that really delivers, through the rig's DNS, Postfix and reject sink.</summary>
[RigTest]
public sealed class EmailWatchTests : IDisposable
{
    private readonly CliServer _server = CliServer.CreateDelivering();
    private readonly RigEnvironment _rig = RigEnvironment.Current;

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task SendWatch_ToPostfix_LiveViewEndsWhenDeliveredWithExit0()
    {
        var cli = MailstromCli.For(_server);
        var to = $"cli-{Guid.NewGuid():N}@{_rig.PostfixDomain}";

        var result = await cli.RunInteractiveAsync("send", "--from", "shop@client.mailstrom.test", "--to", to,
            "--subject", "Watched", "--text", "Hello", "--watch", "--interval", "0.1");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Matches($@"{to}\s*│ Delivered\s*│\s*1 │\s*│ 250 2\.0\.0 Ok: queued as \S+\s*│ {_rig.PostfixMxHost}\s*│ TLS", result.Output);
        Assert.Contains("Completed", result.Output, StringComparison.Ordinal);
        Assert.Contains("Delivered 1 · Failed 0 · Cancelled 0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWatch_ToRejectingDomain_ShowsTheReplyAndExitsNotDelivered()
    {
        var cli = MailstromCli.For(_server);
        var id = await cli.SendAsync($"nobody@{_rig.Domain("reject")}");

        var result = await cli.RunAsync("status", id, "--watch", "--interval", "0.1");

        Assert.Equal(ExitCodes.NotDelivered, result.ExitCode);
        Assert.Contains($"nobody@{_rig.Domain("reject")}: Failed after 1 attempt · {_rig.ReplyReject}", result.Output, StringComparison.Ordinal);
        Assert.Matches($@"nobody@{_rig.Domain("reject")}\s*│ Failed\s*│\s*1 │\s*│ {_rig.ReplyReject}", result.Output);
    }

    [Fact]
    public async Task SendWatch_OneDeliveredOneRejected_ShowsBothAndExitsNotDelivered()
    {
        var cli = MailstromCli.For(_server);
        var delivered = $"cli-{Guid.NewGuid():N}@{_rig.PostfixDomain}";
        var rejected = $"nobody@{_rig.Domain("reject")}";

        var result = await cli.RunInteractiveAsync("send", "--from", "shop@client.mailstrom.test", "--to", delivered, "--to", rejected,
            "--subject", "Half", "--watch", "--interval", "0.1");

        Assert.Equal(ExitCodes.NotDelivered, result.ExitCode);
        Assert.Matches($@"{delivered}\s*│ Delivered", result.Output);
        Assert.Matches($@"{rejected}\s*│ Failed", result.Output);
        Assert.Contains("Delivered 1 · Failed 1 · Cancelled 0", result.Output, StringComparison.Ordinal);
    }
}
