using System.Text.Json;
using Mailstrom.Deployment.Tests.Infrastructure;

namespace Mailstrom.Deployment.Tests.Docs;

/// <summary>
/// What a newcomer meets first, held to what the repository does: the README's quick start says how to change the
/// listen address under <c>dotnet run</c> and what a sandbox without outbound DNS shows, in the words the code uses; the
/// lab steps run on a root shell without <c>sudo</c>; the rig's Azurite ports can be moved off 10000-10002.
/// </summary>
public sealed class NewcomerDocsTests
{
    private static readonly string _readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));

    [Fact]
    public void QuickStart_SaysHowToChangeTheListenAddress_WhenLaunchSettingsWinOverAspNetCoreUrls()
    {
        var quickStart = Section("## Quick start");
        using var launch = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("src", "Mailstrom.Server", "Properties", "launchSettings.json")));
        var applicationUrl = launch.RootElement.GetProperty("profiles").EnumerateObject().Single().Value.GetProperty("applicationUrl").GetString()!;

        Assert.Contains($"`applicationUrl` (`{applicationUrl}`) wins over an exported `ASPNETCORE_URLS`", quickStart, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Mailstrom.Server -- --urls http://0.0.0.0:8080", quickStart, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Mailstrom.Server --no-launch-profile", quickStart, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", quickStart, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5.1.2 Recipient domain example.net does not exist (DNS NXDOMAIN)", "5.1.2 Recipient domain {domain} does not exist (DNS NXDOMAIN)")]
    [InlineData("4.4.3 DNS lookup of MX for example.net failed temporarily: ", "4.4.3 DNS lookup of MX for {domain} failed temporarily: ")]
    [InlineData("4.4.1 Connection to mx.example.net [", "4.4.1 Connection to {host} [")]
    public void QuickStart_SaysWhatASandboxWithoutTheInternetShows_InTheWordsTheCodeUses(string shown, string template)
    {
        Assert.Contains($"`{shown}", Section("## Quick start"), StringComparison.Ordinal);
        var delivery = Directory.EnumerateFiles(RepositoryPaths.Combine("src", "Mailstrom", "Delivery"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText);
        Assert.Contains(delivery, source => source.Contains(template, StringComparison.Ordinal));
    }

    [Fact]
    public void LabSteps_RunOnARootShell_WithoutSudo()
    {
        var lab = Section("## A local lab in a few commands");
        var commands = lab[lab.IndexOf("```sh", StringComparison.Ordinal)..];

        Assert.DoesNotContain("sudo", commands[..commands.IndexOf("```", 5, StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.All(Directory.EnumerateFiles(RepositoryPaths.Combine("eng", "rig"), "*.sh"), script =>
            Assert.DoesNotMatch(@"(^|[\s;&|(])sudo\s", File.ReadAllText(script)));
    }

    [Theory]
    [InlineData(null, 10000)]
    [InlineData("11000", 11000)]
    public async Task RigAzuritePorts_MoveWithAnEnvironmentVariable_AndTheReadmeSaysSo(string? port, int blob)
    {
        var environment = new Dictionary<string, string> { ["MAILSTROM_RIG_AZURITE_PORT"] = port ?? string.Empty };

        var result = await CommandLine.RunAsync(
            "bash", ["-c", "source eng/rig/lib.sh && echo \"$AZURITE_BLOB_PORT $AZURITE_QUEUE_PORT $AZURITE_TABLE_PORT $AZURITE_CONNECTION_STRING\""], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        var parts = result.Output.Trim().Split(' ');
        Assert.Equal([$"{blob}", $"{blob + 1}", $"{blob + 2}"], parts[..3]);
        Assert.Contains($"BlobEndpoint=http://127.0.0.1:{blob}/", parts[3], StringComparison.Ordinal);
        Assert.Contains($"TableEndpoint=http://127.0.0.1:{blob + 2}/", parts[3], StringComparison.Ordinal);
        Assert.Contains("MAILSTROM_RIG_AZURITE_PORT=11000 bash eng/rig/start.sh", Section("## A local lab in a few commands"), StringComparison.Ordinal);
    }

    /// <summary>The README's section under <paramref name="heading"/>, up to the next heading of the same level.</summary>
    private static string Section(string heading)
    {
        var start = _readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the README has no '{heading}'");
        var end = _readme.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? _readme[start..] : _readme[start..end];
    }
}
