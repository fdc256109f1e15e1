using Mailstrom.Cli.Tests.Infrastructure;

namespace Mailstrom.Cli.Tests.Commands;

public sealed class StatusCommandTests : IDisposable
{
    private readonly CliServer _server = CliServer.Create();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Status_OfQueuedEmail_ShowsTheTableWithEveryColumn()
    {
        var cli = MailstromCli.For(_server);
        var id = await cli.SendAsync("bob@example.net");

        var result = await cli.RunAsync("status", id);

        Assert.Equal(0, result.ExitCode);
        foreach (var column in new[] { "Recipient", "State", "Attempts", "Next attempt", "Last reply", "MX host", "TLS" })
        {
            Assert.Contains(column, result.Output, StringComparison.Ordinal);
        }

        Assert.Matches(@"bob@example\.net\s*│ Queued\s*│\s*0 │ due now", result.Output);
    }

    [Fact]
    public async Task Status_UnknownId_SaysNotFoundWithTheApiDetailAndExits4()
    {
        var result = await MailstromCli.For(_server).RunAsync("status", "0195f1c2000070008000000000000000");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("Not found (404 Not Found): No email with id '0195f1c2000070008000000000000000' exists", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_IntervalWithoutWatch_IsAUsageError()
    {
        var result = await MailstromCli.For(_server).RunAsync("status", "some-id", "--interval", "1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--interval and --max-wait apply only with --watch", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWatch_EmailNeverFinal_StopsAtMaxWaitWithExit7()
    {
        var cli = MailstromCli.For(_server);
        var id = await cli.SendAsync();

        var result = await cli.RunAsync("status", id, "--watch", "--interval", "0.05", "--max-wait", "2");

        Assert.Equal(ExitCodes.StillRunning, result.ExitCode);
        Assert.Contains($"Email {id} is still Pending after 2 s (--max-wait)", result.Output, StringComparison.Ordinal);
        Assert.Contains("bob@example.net: Queued after 0 attempts", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWatch_TerminatedEmail_EndsAtOnceWithCancelledRecipientsAndExit1()
    {
        var cli = MailstromCli.For(_server);
        var id = await cli.SendAsync("bob@example.net", "carol@example.net");
        Assert.Equal(0, (await cli.RunAsync("terminate", id, "--reason", "sent by mistake")).ExitCode);

        var result = await cli.RunInteractiveAsync("status", id, "--watch", "--interval", "0.05");

        Assert.Equal(ExitCodes.NotDelivered, result.ExitCode);
        Assert.Contains($"Email {id} Terminated", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"carol@example\.net\s*│ Cancelled", result.Output);
        Assert.Contains("Delivered 0 · Failed 0 · Cancelled 2 · reason: sent by mistake", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusWatch_Interrupted_Exits130AndSaysDeliveryGoesOn()
    {
        var cli = MailstromCli.For(_server);
        var id = await cli.SendAsync();

        var result = await cli.RunAsync(new CancellationToken(canceled: true), "status", id, "--watch");

        Assert.Equal(ExitCodes.Interrupted, result.ExitCode);
        Assert.Contains("Stopped. An email already accepted goes on being delivered.", result.Output, StringComparison.Ordinal);
    }
}
