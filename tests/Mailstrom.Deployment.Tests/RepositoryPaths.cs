using System.Reflection;

namespace Mailstrom.Deployment.Tests;

/// <summary>Where the repository and the tools the build located are, as recorded in this assembly at build time.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>The Bicep compiler from the Azure.Bicep.CommandLine package.</summary>
    public static string Bicep { get; } = Metadata("BicepPath");

    /// <summary>A path under the repository root.</summary>
    /// <param name="parts">Path segments.</param>
    /// <returns>The absolute path.</returns>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Metadata(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata.");
}
