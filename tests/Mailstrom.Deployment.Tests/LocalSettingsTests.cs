using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Mailstrom.Composition;

namespace Mailstrom.Deployment.Tests;

/// <summary>
/// <c>local.settings.sample.json</c> runs the function app under Core Tools on Azurite and holds every setting the app
/// reads, each documented in the README's configuration table (every limit at its default in both); the real
/// <c>local.settings.json</c> (which holds secrets) is ignored by git.
/// </summary>
public sealed partial class LocalSettingsTests
{
    /// <summary>README settings deliberately absent from the sample, each for its reason.</summary>
    private static readonly string[] _notInSample =
    [
        // Unset by default, and an empty value would be refused.
        "Mailstrom:Dns:NameServers",   // the system resolver unless set
        "Mailstrom:Retry:MaxAttempts", // no cap unless set
        "Mailstrom:Suppression:StatusCodes:0", // the default list (5.1.1, 5.1.2, 5.1.10) unless set

        // The self-hosted server's settings, which the function app does not read: the Functions host checks the keys
        // and hosts the task hub, and the engine is always the Durable one.
        "Mailstrom:Engine",
        "Mailstrom:Api:Keys",
        "Mailstrom:Storage:Sqlite:Path",
        "Mailstrom:Delivery:LeaseDuration",
        "Mailstrom:Delivery:PollInterval",
        "Mailstrom:Delivery:ShutdownGracePeriod",
        "Mailstrom:Delivery:EnableWorker",
        "Mailstrom:Durable:TaskHub",
        "Mailstrom:Durable:PartitionCount",
        "Mailstrom:Durable:WorkerId",
        "Mailstrom:Durable:MaxConcurrentActivities",
        "Mailstrom:Durable:MaxConcurrentOrchestrations",
        "Mailstrom:Durable:MaxPollingInterval",
        "Mailstrom:Durable:MessageVisibilityTimeout",
        "Mailstrom:Telemetry:Prometheus",
        "Mailstrom:Telemetry:Tracing",

        // A standard OpenTelemetry variable: unset unless a collector is configured.
        "OTEL_EXPORTER_OTLP_ENDPOINT",
    ];

    [Fact]
    public void EverySampleSetting_IsDocumentedInTheReadmeConfigurationTable()
    {
        var documented = DocumentedSettings();
        var undocumented = LocalSettingsSample.Values().Keys.Select(ConfigurationKey).Where(k => !documented.Contains(k)).ToList();
        Assert.True(undocumented.Count == 0, "not in the README's configuration table: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void EveryDocumentedSetting_IsInTheSample_OrNotReadByTheFunctionApp()
    {
        var sample = LocalSettingsSample.Values().Keys.Select(ConfigurationKey).ToHashSet(StringComparer.Ordinal);
        var missing = DocumentedSettings().Where(k => !sample.Contains(k) && !_notInSample.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "not in local.settings.sample.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryLimit_IsInTheSampleAndTheReadme_AtItsDefault()
    {
        var defaults = new LimitsOptions();
        var sample = LocalSettingsSample.Values();
        var table = ConfigurationTable();
        foreach (var property in typeof(LimitsOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = LimitsOptions.SectionName + ":" + property.Name;
            var value = Convert.ToString(property.GetValue(defaults), CultureInfo.InvariantCulture);

            Assert.Equal((key, value), (key, sample.GetValueOrDefault(key.Replace(":", "__", StringComparison.Ordinal))));
            Assert.True(table.TryGetValue(key, out var documented), key + " is not in the README's configuration table");
            Assert.Matches("^`?" + Regex.Escape(value!) + "`?( |$)", documented);
        }
    }

    [Fact]
    public void Sample_RunsTheDotnetIsolatedWorker_OnAzurite_WithTheDurableEngine()
    {
        var values = LocalSettingsSample.Values();

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", values["MailstromTaskHub"]);

        // The content store falls back to AzureWebJobsStorage (the Azurite account) when its own connection is empty.
        Assert.Equal("", values["Mailstrom__Durable__ConnectionString"]);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", values["Mailstrom__Durable__ContentContainer"]);

        // Nothing is left of the custom handler or of the server's stores and keys (the Functions host checks its own).
        Assert.DoesNotContain(values.Keys, k => k is "MailstromWorkQueue" or "FUNCTIONS_CUSTOMHANDLER_PORT"
            || k.StartsWith("Mailstrom__Storage__", StringComparison.Ordinal) || k.StartsWith("Mailstrom__Api__Keys", StringComparison.Ordinal));

        // Empty values leave the defaults: the loopback names and the app's Azure host name are served, and URLs are built
        // on the request's allowed host.
        Assert.Equal("", values["AllowedHosts"]);
        Assert.Equal("", values["Mailstrom__Api__PublicBaseUrl"]);
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
    private static HashSet<string> DocumentedSettings() => [.. ConfigurationTable().Keys];

    /// <summary>The README's configuration table: every setting named in a row's first column, to that row's default.</summary>
    private static Dictionary<string, string> ConfigurationTable()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..end];
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|');
            foreach (Match match in SettingName().Matches(cells[1]))
            {
                table[match.Groups[1].Value] = cells[2].Trim();
            }
        }

        return table;
    }

    [GeneratedRegex("`([A-Za-z_][A-Za-z0-9_:]*)`")]
    private static partial Regex SettingName();
}
