using System.Diagnostics;

namespace Mailstrom.Deployment.Tests.Publish;

/// <summary>
/// The function-app folder made by the documented publish command
/// (<c>dotnet publish src/Mailstrom.Functions -c Release -r linux-x64 --self-contained -o DIR</c>), built once for the
/// test class into a temporary folder and deleted afterwards.
/// </summary>
public sealed class PublishedFunctionApp : IAsyncLifetime
{
    /// <summary>The publish folder.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mailstrom-publish", Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", "src/Mailstrom.Functions", "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", Folder, "--nologo" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    /// <summary>A path inside the publish folder.</summary>
    public string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);

    public Task DisposeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
