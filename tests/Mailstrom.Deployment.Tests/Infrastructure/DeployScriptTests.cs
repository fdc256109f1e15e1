using System.Text.Json;

namespace Mailstrom.Deployment.Tests.Infrastructure;

/// <summary>
/// <c>eng/deploy.sh</c> is valid bash, checks its arguments before touching Azure, hands the relay password to the
/// Azure CLI through a private parameters file (never on a command line, never on its output), and zip-deploys the
/// whole publish folder. Azure is replaced by a stand-in <c>az</c> that records its arguments (and, for the code, the
/// .NET SDK by a stand-in <c>dotnet</c> that lays out a publish folder); nothing leaves the machine.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // the script and its stand-in az are bash
public sealed class DeployScriptTests : IDisposable
{
    private const string Script = "eng/deploy.sh";
    /// <summary>What a publish of the app holds, as far as the script checks and the host needs.</summary>
    private static readonly string[] _publishedFiles =
    [
        "host.json", "functions.metadata", "worker.config.json", "extensions.json", "Mailstrom.Functions.dll",
        ".azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll",
    ];

    private readonly string _bin = Directory.CreateTempSubdirectory("mailstrom-deploy-test").FullName;

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Fact]
    public async Task Script_PassesBashSyntaxCheck()
    {
        var check = await CommandLine.RunAsync("bash", ["-n", Script]);

        Assert.True(check.ExitCode == 0, $"bash -n {Script}: {check}");
        Assert.True(File.GetUnixFileMode(RepositoryPaths.Combine("eng", "deploy.sh")).HasFlag(UnixFileMode.UserExecute), $"{Script} is not executable");
    }

    [Fact]
    public async Task Help_DescribesTheRequiredOptions()
    {
        var help = await CommandLine.RunAsync("bash", [Script, "--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--resource-group RG --location LOCATION --name-prefix PREFIX", help.Output, StringComparison.Ordinal);
        Assert.Contains("MAILSTROM_RELAY_PASSWORD", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelayModeWithoutRelayHost_FailsBeforeCallingAzure()
    {
        var run = await RunWithFakeAzAsync(["--resource-group", "rg", "--location", "westeurope", "--name-prefix", "mstrm"], password: "");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--relay-host", run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_bin, "az.log")), "az was called");
    }

    [Theory]
    [InlineData("--task-hub", "mail-strom")]
    [InlineData("--task-hub", "1mailstrom")]
    [InlineData("--plan-sku", "Y1")]
    public async Task InvalidOption_FailsBeforeCallingAzure(string option, string value)
    {
        var run = await RunWithFakeAzAsync(
            ["--resource-group", "rg", "--location", "westeurope", "--name-prefix", "mstrm", "--relay-host", "smtp.example.org", option, value],
            password: "");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(option, run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_bin, "az.log")), "az was called");
    }

    [Fact]
    public async Task InfraOnly_DeploysTheBicepWithThePasswordInAPrivateFileOnly()
    {
        const string Password = "pa\"ss\\word with spaces $HOME `x`";
        var run = await RunWithFakeAzAsync(
            ["--resource-group", "mailstrom-rg", "--location", "westeurope", "--name-prefix", "mstrm",
             "--relay-host", "smtp.example.org", "--relay-username", "mailer@example.org", "--infra-only"],
            Password);

        Assert.True(run.ExitCode == 0, $"deploy.sh: {run}");
        var calls = await File.ReadAllLinesAsync(Path.Combine(_bin, "az.log"));
        Assert.Contains(calls, c => c.StartsWith("group create --name mailstrom-rg --location westeurope", StringComparison.Ordinal));
        var deployment = Assert.Single(calls, c => c.StartsWith("deployment group create", StringComparison.Ordinal));
        Assert.Contains("--template-file " + RepositoryPaths.Combine("infra", "main.bicep"), deployment, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.Contains("config-zip", StringComparison.Ordinal));

        // The password is nowhere on a command line or in the output, and the parameters file is gone afterwards.
        Assert.DoesNotContain(calls, c => c.Contains("pa\"ss", StringComparison.Ordinal));
        Assert.DoesNotContain("pa\"ss", run.Output + run.Errors, StringComparison.Ordinal);
        var parametersPath = deployment.Split(' ').Single(a => a.StartsWith('@'))[1..];
        Assert.False(File.Exists(parametersPath), "the parameters file was left behind");

        // What az read from it: valid JSON, the password intact, owner-only permissions.
        var copy = Path.Combine(_bin, "parameters.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, (UnixFileMode)int.Parse(await File.ReadAllTextAsync(Path.Combine(_bin, "parameters.mode")), System.Globalization.CultureInfo.InvariantCulture));
        using var parameters = JsonDocument.Parse(await File.ReadAllTextAsync(copy));
        var values = parameters.RootElement.GetProperty("parameters");
        Assert.Equal(Password, values.GetProperty("relayPassword").GetProperty("value").GetString());
        Assert.Equal("Relay", values.GetProperty("deliveryMode").GetProperty("value").GetString());
        Assert.Equal(587, values.GetProperty("relayPort").GetProperty("value").GetInt32());
        Assert.Equal("smtp.example.org", values.GetProperty("relayHost").GetProperty("value").GetString());
        Assert.Equal("mailer@example.org", values.GetProperty("relayUsername").GetProperty("value").GetString());
        Assert.Equal("mailstrom", values.GetProperty("taskHubName").GetProperty("value").GetString());

        // Every name in the file is a parameter of the template.
        using var template = JsonDocument.Parse((await BicepCompiler.RunAsync("build", "infra/main.bicep", "--stdout")).Output);
        foreach (var value in values.EnumerateObject())
        {
            Assert.True(template.RootElement.GetProperty("parameters").TryGetProperty(value.Name, out _), $"{value.Name} is not a template parameter");
        }

        Assert.Contains("az functionapp keys list --resource-group mailstrom-rg --name mailstrom-test", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeOnly_PublishesFrameworkDependent_AndZipDeploysTheWholeFolder()
    {
        var artifacts = Path.Combine(_bin, "artifacts");
        await WriteFakeDotnetAsync();

        var run = await RunWithFakeAzAsync(["--resource-group", "mailstrom-rg", "--code-only", "--artifacts-dir", artifacts], password: "");

        Assert.True(run.ExitCode == 0, $"deploy.sh: {run}");
        var publish = Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_bin, "dotnet.log")));
        Assert.Equal($"publish {RepositoryPaths.Combine("src", "Mailstrom.Functions", "Mailstrom.Functions.csproj")} -c Release -o {artifacts}/functionapp", publish);
        var calls = await File.ReadAllLinesAsync(Path.Combine(_bin, "az.log"));
        Assert.DoesNotContain(calls, c => c.StartsWith("deployment group create", StringComparison.Ordinal));
        Assert.Contains($"functionapp deployment source config-zip --resource-group mailstrom-rg --name mailstrom-test --src {artifacts}/functionapp.zip --output none", calls);

        using var zip = System.IO.Compression.ZipFile.OpenRead(Path.Combine(artifacts, "functionapp.zip"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var file in _publishedFiles)
        {
            Assert.Contains(file, entries);
        }
    }

    [Fact]
    public async Task CodeOnly_WithoutTheDurableExtensionInThePublishFolder_FailsBeforeDeploying()
    {
        await WriteFakeDotnetAsync(withExtensions: false);

        var run = await RunWithFakeAzAsync(["--resource-group", "mailstrom-rg", "--code-only", "--artifacts-dir", Path.Combine(_bin, "artifacts")], password: "");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(".azurefunctions", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(await File.ReadAllLinesAsync(Path.Combine(_bin, "az.log")), c => c.Contains("config-zip", StringComparison.Ordinal));
    }

    /// <summary>A stand-in .NET SDK: records its arguments and lays out a publish folder at the <c>-o</c> path.</summary>
    private async Task WriteFakeDotnetAsync(bool withExtensions = true)
    {
        var files = _publishedFiles.Where(f => withExtensions || !f.StartsWith(".azurefunctions", StringComparison.Ordinal));
        var dotnet = Path.Combine(_bin, "dotnet");
        await File.WriteAllTextAsync(dotnet, $$"""
            #!/usr/bin/env bash
            echo "$*" >> '{{_bin}}/dotnet.log'
            out=""
            while [[ $# -gt 0 ]]; do
              if [[ $1 == -o ]]; then out=$2; fi
              shift
            done
            for f in {{string.Join(' ', files)}}; do
              mkdir -p "$(dirname "$out/$f")" && echo x > "$out/$f"
            done
            """);
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task<CommandResult> RunWithFakeAzAsync(string[] arguments, string password)
    {
        // The stand-in records its arguments, keeps a copy (and the permissions) of any @parameters file, and
        // answers the deployment-output queries.
        var az = Path.Combine(_bin, "az");
        await File.WriteAllTextAsync(az, $$"""
            #!/usr/bin/env bash
            echo "$*" >> '{{_bin}}/az.log'
            for a in "$@"; do
              if [[ $a == @* ]]; then
                cp "${a#@}" '{{_bin}}/parameters.json'
                echo "$((8#$(stat -c %a "${a#@}")))" > '{{_bin}}/parameters.mode'
              fi
            done
            case "$*" in
              *functionAppName*) echo mailstrom-test ;;
              *apiBaseUrl*) echo https://mailstrom-test.azurewebsites.net/api ;;
            esac
            """);
        File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        return await CommandLine.RunAsync(
            "bash",
            [Script, .. arguments],
            new Dictionary<string, string>
            {
                ["PATH"] = $"{_bin}:{Environment.GetEnvironmentVariable("PATH")}",
                ["MAILSTROM_RELAY_PASSWORD"] = password,
                ["TMPDIR"] = _bin,
            });
    }
}
