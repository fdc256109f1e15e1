using System.Net;
using System.Net.Sockets;
using Mailstrom.Cli.Tests.Infrastructure;
using Mailstrom.Testing.Processes;

namespace Mailstrom.Cli.Tests.Api;

/// <summary>The tool over real sockets, against addresses where no Mailstrom server answers.</summary>
public sealed class MailstromApiClientTests
{
    private static MailstromCli Sockets => new(() => new SocketsHttpHandler());

    [Fact]
    public async Task AnyCommand_NothingListening_SaysTheServerIsUnreachableAndExits6()
    {
        var port = LoopbackPorts.Free();

        var result = await Sockets.RunAsync("list", "--url", $"http://127.0.0.1:{port}");

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Contains($"Cannot reach the Mailstrom server at http://127.0.0.1:{port} (connection refused or no route). Is it running?", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_ServerNeverAnswers_TimesOutWithExit6()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var result = await Sockets.RunAsync("status", "some-id", "--url", $"http://127.0.0.1:{port}", "--timeout", "0.5");

        Assert.Equal(ExitCodes.Unavailable, result.ExitCode);
        Assert.Contains($"The server at http://127.0.0.1:{port} did not answer within 0.5 s (raise it with --timeout)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_UrlThatIsNotHttp_IsAUsageError()
    {
        var result = await Sockets.RunAsync("list", "--url", "ftp://localhost");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("The server URL from --url must be an absolute http or https URL", result.Output, StringComparison.Ordinal);
    }
}
