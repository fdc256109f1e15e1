using Mailstrom.Cli.Tests.Infrastructure;
using Mailstrom.Suppression;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Cli.Tests.Commands;

public sealed class SuppressionCommandsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CliServer _server = CliServer.Create();

    public void Dispose() => _server.Dispose();

    private Task SeedAsync(params string[] addresses) => _server.Services.GetRequiredService<ISuppressionList>().AddAsync(
        [.. addresses.Select(a => new SuppressionEntry(a, 550, "5.1.1", "No such user", T0, "0195f1c2000070008000000000000001"))], CancellationToken.None);

    [Fact]
    public async Task List_ShowsEachAddressWithItsReply_AndTheTokenForMore()
    {
        await SeedAsync("a@example.com", "b@example.com", "c@example.com");

        var result = await MailstromCli.For(_server).RunAsync("suppressions", "list", "--limit", "2");

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("a@example.com", result.Output, StringComparison.Ordinal);
        Assert.Contains("b@example.com", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("c@example.com", result.Output, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1", result.Output, StringComparison.Ordinal);
        Assert.Contains("No such user", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 addresses.", result.Output, StringComparison.Ordinal);
        Assert.Contains("--continuation-token", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_ListedAddress_Succeeds_ThenAgainExits4()
    {
        await SeedAsync("bob@example.net");
        var cli = MailstromCli.For(_server);

        var removed = await cli.RunAsync("suppressions", "remove", "bob@example.net");
        var again = await cli.RunAsync("suppressions", "remove", "bob@example.net");

        Assert.Equal(ExitCodes.Success, removed.ExitCode);
        Assert.Contains("Removed bob@example.net from the suppression list.", removed.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, again.ExitCode);
    }

    [Fact]
    public async Task Remove_MalformedAddress_Exits3()
    {
        var result = await MailstromCli.For(_server).RunAsync("suppressions", "remove", "not-an-address");

        Assert.Equal(ExitCodes.Refused, result.ExitCode);
        Assert.Contains("address", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_BadLimit_IsAUsageError()
    {
        var result = await MailstromCli.For(_server).RunAsync("suppressions", "list", "--limit", "0");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }
}
