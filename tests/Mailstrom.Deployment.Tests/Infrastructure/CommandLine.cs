using System.Diagnostics;

namespace Mailstrom.Deployment.Tests.Infrastructure;

/// <summary>What a finished command wrote and returned.</summary>
internal sealed record CommandResult(int ExitCode, string Output, string Errors)
{
    /// <summary>Everything the command wrote, for assertion messages.</summary>
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Errors}";
}

/// <summary>Runs a local command (no shell) from the repository root and collects its output.</summary>
internal static class CommandLine
{
    /// <summary>Runs the command; it is killed (and the test fails) when it takes longer than <paramref name="timeout"/>.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, each passed as is.</param>
    /// <param name="environment">Variables set (or replaced) in its environment.</param>
    /// <param name="timeout">The longest it may run; two minutes unless given.</param>
    public static async Task<CommandResult> RunAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(process.ExitCode, await output, await errors);
    }
}

/// <summary>
/// The Bicep compiler from the Azure.Bicep.CommandLine package. A missing compiler fails the test that needs it: the
/// infrastructure is only as trustworthy as its compilation.
/// </summary>
internal static class BicepCompiler
{
    public static Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        Assert.True(
            File.Exists(RepositoryPaths.Bicep),
            $"The Bicep compiler is missing at '{RepositoryPaths.Bicep}' (restore tests/Mailstrom.Deployment.Tests: it comes from the Azure.Bicep.CommandLine.linux-x64 package).");
        return CommandLine.RunAsync(RepositoryPaths.Bicep, arguments, environment);
    }

    public static Task<CommandResult> RunAsync(params string[] arguments) => RunAsync(null, arguments);
}
