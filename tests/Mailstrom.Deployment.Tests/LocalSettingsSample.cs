using System.Text.Json;

namespace Mailstrom.Deployment.Tests;

/// <summary>The repository's <c>local.settings.sample.json</c>.</summary>
internal static class LocalSettingsSample
{
    /// <summary>Its <c>Values</c>, in file order.</summary>
    public static Dictionary<string, string> Values()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }
}
