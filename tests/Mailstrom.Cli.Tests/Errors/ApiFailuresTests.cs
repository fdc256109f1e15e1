using Mailstrom.Cli.Tests.Infrastructure;

namespace Mailstrom.Cli.Tests.Errors;

public sealed class ApiFailuresTests : IDisposable
{
    private const string WrongKey = "wrong-key-0000-secret";

    private readonly CliServer _server = CliServer.Create();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AnyCommand_WithWrongKeyOption_SaysTheKeyWasRefusedWithoutPrintingIt()
    {
        var cli = new MailstromCli(_server.CreateHandler, new Dictionary<string, string> { ["MAILSTROM_URL"] = "http://localhost" });

        var result = await cli.RunAsync("list", "--key", WrongKey);

        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("The server at http://localhost refused the key from --key (401 Unauthorized)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_WithWrongKeyInEnvironment_NamesTheVariable()
    {
        var cli = new MailstromCli(_server.CreateHandler,
            new Dictionary<string, string> { ["MAILSTROM_URL"] = "http://localhost", ["MAILSTROM_KEY"] = WrongKey });

        var result = await cli.RunAsync("status", "0195f1c2000070008000000000000000");

        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("refused the key from MAILSTROM_KEY", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_WithoutKey_SaysHowToGiveOne()
    {
        var cli = new MailstromCli(_server.CreateHandler);

        var result = await cli.RunAsync("send", "--url", "http://localhost", "--from", "shop@example.org", "--to", "bob@example.net");

        Assert.Equal(ExitCodes.Unauthorized, result.ExitCode);
        Assert.Contains("needs a key (401 Unauthorized): pass --key or set MAILSTROM_KEY", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyOption_OverridesTheEnvironment()
    {
        var cli = new MailstromCli(_server.CreateHandler,
            new Dictionary<string, string> { ["MAILSTROM_URL"] = "http://localhost", ["MAILSTROM_KEY"] = WrongKey });

        var result = await cli.RunAsync("list", "--key", CliServer.Key);

        Assert.Equal(0, result.ExitCode);
    }
}
