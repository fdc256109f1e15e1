using System.Text.RegularExpressions;

namespace Mailstrom.Deployment.Tests;

/// <summary>
/// <c>local.settings.sample.json</c> holds every setting the app reads, each documented in the README's configuration
/// table, and the real <c>local.settings.json</c> (which holds secrets) is ignored by git.
/// </summary>
public sealed partial class LocalSettingsTests
{
    /// <summary>README settings deliberately absent from the sample, each with its reason in the README.</summary>
    private static readonly string[] NotInSample =
    [
        "Mailstrom:Api:Keys",          // the Functions host checks keys in custom-handler mode; an empty key is refused
        "Mailstrom:Dns:NameServers",   // the system resolver unless set; an empty entry is refused
        "Mailstrom:Retry:MaxAttempts", // unset means no cap
        "FUNCTIONS_CUSTOMHANDLER_PORT", // set by the Functions host
    ];

    [Fact]
    public void EverySampleSetting_IsDocumentedInTheReadmeConfigurationTable()
    {
        var documented = DocumentedSettings();
        var undocumented = LocalSettingsSample.Values().Keys.Select(ConfigurationKey).Where(k => !documented.Contains(k)).ToList();
        Assert.True(undocumented.Count == 0, "not in the README's configuration table: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void EveryDocumentedSetting_IsInTheSample()
    {
        var sample = LocalSettingsSample.Values().Keys.Select(ConfigurationKey).ToHashSet(StringComparer.Ordinal);
        var missing = DocumentedSettings().Where(k => !sample.Contains(k) && !NotInSample.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "not in local.settings.sample.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void Sample_RunsAsACustomHandlerOnAzureStorage()
    {
        var values = LocalSettingsSample.Values();
        Assert.Equal("custom", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("AzureStorage", values["Mailstrom__Storage__Provider"]);
        Assert.Equal(values["Mailstrom__Storage__AzureStorage__NamePrefix"] + "-work", values["MailstromWorkQueue"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
    }

    [Fact]
    public void LocalSettingsJson_IsIgnoredByGit()
    {
        var ignored = File.ReadAllLines(RepositoryPaths.Combine(".gitignore")).Select(l => l.Trim());
        Assert.Contains("local.settings.json", ignored);
    }

    /// <summary>The configuration key of an app setting: <c>Mailstrom__A__B</c> is <c>Mailstrom:A:B</c>.</summary>
    private static string ConfigurationKey(string setting) => setting.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Every setting named in the first column of the README's configuration table.</summary>
    private static HashSet<string> DocumentedSettings()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..end];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var firstCell = line.Split('|')[1];
            foreach (Match match in SettingName().Matches(firstCell))
            {
                names.Add(match.Groups[1].Value);
            }
        }

        return names;
    }

    [GeneratedRegex("`([A-Za-z_][A-Za-z0-9_:]*)`")]
    private static partial Regex SettingName();
}
