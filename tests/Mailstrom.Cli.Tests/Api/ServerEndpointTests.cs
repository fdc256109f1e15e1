using Mailstrom.Cli.Api;
using Mailstrom.Cli.Errors;

namespace Mailstrom.Cli.Tests.Api;

public sealed class ServerEndpointTests
{
    private static Func<string, string?> NoVariables => _ => null;

    [Fact]
    public void Resolve_NothingGiven_UsesTheDefaultWithoutKey()
    {
        var endpoint = ServerEndpoint.Resolve(null, null, NoVariables);

        Assert.Equal(new Uri("http://localhost:7071/"), endpoint.BaseAddress);
        Assert.Null(endpoint.Key);
        Assert.Null(endpoint.KeySource);
    }

    [Fact]
    public void Resolve_OptionsWinOverEnvironment()
    {
        var variables = new Dictionary<string, string> { ["MAILSTROM_URL"] = "http://env:1", ["MAILSTROM_KEY"] = "env-key" };

        var endpoint = ServerEndpoint.Resolve("https://mail.example.org/prefix/", "option-key", variables.GetValueOrDefault);

        Assert.Equal(new Uri("https://mail.example.org/prefix/"), endpoint.BaseAddress);
        Assert.Equal("option-key", endpoint.Key);
        Assert.Equal("--key", endpoint.KeySource);
    }

    [Fact]
    public void Resolve_EnvironmentWhenNoOptions()
    {
        var variables = new Dictionary<string, string> { ["MAILSTROM_URL"] = "http://env:1", ["MAILSTROM_KEY"] = "env-key" };

        var endpoint = ServerEndpoint.Resolve(null, null, variables.GetValueOrDefault);

        Assert.Equal(new Uri("http://env:1/"), endpoint.BaseAddress);
        Assert.Equal("MAILSTROM_KEY", endpoint.KeySource);
    }

    [Theory]
    [InlineData("localhost:7071")]
    [InlineData("ftp://localhost")]
    [InlineData("http://localhost/?code=secret")]
    [InlineData("http://user:secret@localhost")]
    public void Resolve_UnusableUrl_IsAUsageErrorThatNeverQuotesIt(string url)
    {
        var ex = Assert.Throws<CliException>(() => ServerEndpoint.Resolve(url, null, NoVariables));

        Assert.Equal(ExitCodes.Usage, ex.ExitCode);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NeverShowsTheKey()
    {
        var endpoint = ServerEndpoint.Resolve("http://localhost:7071", "the-secret-key", NoVariables);

        Assert.Equal("http://localhost:7071", endpoint.ToString());
    }
}
