using System.Text.RegularExpressions;
using Mailstrom.Cli.Tests.Infrastructure;

namespace Mailstrom.Cli.Tests.Commands;

public sealed partial class ListCommandTests : IDisposable
{
    private readonly CliServer _server = CliServer.Create();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task List_WithTop_PrintsOnePageAndTheTokenThatReadsTheNext()
    {
        var cli = MailstromCli.For(_server);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await cli.SendAsync($"r{i}@example.net"));
        }

        var first = await cli.RunAsync("list", "--top", "2");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 emails.", first.Output, StringComparison.Ordinal);
        var token = Token().Match(first.Output).Groups[1].Value;
        Assert.NotEmpty(token);

        var second = await cli.RunAsync("list", "--top", "2", "--continuation-token", token);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("1 email.", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--continuation-token", second.Output, StringComparison.Ordinal);
        Assert.All(ids, id => Assert.Contains(id, first.Output + second.Output, StringComparison.Ordinal));
        Assert.Contains("1: 1 queued", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAll_FollowsTokensToTheEnd()
    {
        var cli = MailstromCli.For(_server);
        for (var i = 0; i < 5; i++)
        {
            await cli.SendAsync();
        }

        var result = await cli.RunAsync("list", "--all", "--top", "2");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("5 emails.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--continuation-token", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAll_StopsAtTheLimitAndPrintsTheTokenToGoOn()
    {
        var cli = MailstromCli.For(_server);
        for (var i = 0; i < 5; i++)
        {
            await cli.SendAsync();
        }

        var result = await cli.RunAsync("list", "--all", "--top", "2", "--limit", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 emails.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Stopped at --limit 3; more remain: add --continuation-token", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FilteredByStatus_ShowsOnlyThoseEmails()
    {
        var cli = MailstromCli.For(_server);
        var pending = await cli.SendAsync();
        var terminated = await cli.SendAsync();
        Assert.Equal(0, (await cli.RunAsync("terminate", terminated)).ExitCode);

        var result = await cli.RunAsync("list", "--status", "Terminated");

        Assert.Contains(terminated, result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(pending, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownStatus_ShowsTheApiFieldAndExits3()
    {
        var result = await MailstromCli.For(_server).RunAsync("list", "--status", "Sent");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("'Sent' is not a runtime status", result.Output, StringComparison.Ordinal);
        Assert.Contains("Field: runtimeStatus", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_LimitWithoutAll_IsAUsageError()
    {
        var result = await MailstromCli.For(_server).RunAsync("list", "--limit", "5");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [GeneratedRegex(@"--continuation-token (\S+) to read on")]
    private static partial Regex Token();
}
