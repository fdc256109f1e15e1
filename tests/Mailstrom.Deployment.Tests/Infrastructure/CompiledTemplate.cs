using System.Text.Json;

namespace Mailstrom.Deployment.Tests.Infrastructure;

/// <summary><c>infra/main.bicep</c> compiled once by the real compiler (<c>bicep build --stdout</c>) into ARM JSON.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private JsonDocument? _document;

    /// <summary>What the compiler returned.</summary>
    internal CommandResult Build { get; private set; } = new(-1, "", "");

    /// <summary>The ARM template.</summary>
    public JsonElement Root => (_document ?? throw new InvalidOperationException("The template was not compiled.")).RootElement;

    public async Task InitializeAsync()
    {
        Build = await BicepCompiler.RunAsync("build", "infra/main.bicep", "--stdout");
        Assert.True(Build.ExitCode == 0, $"bicep build failed: {Build}");
        _document = JsonDocument.Parse(Build.Output);
    }

    public Task DisposeAsync()
    {
        _document?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The one resource of this type.</summary>
    public JsonElement Resource(string type)
    {
        var matches = Root.GetProperty("resources").EnumerateArray()
            .Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.True(matches.Count == 1, $"expected one {type}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>A template parameter.</summary>
    public JsonElement Parameter(string name)
    {
        Assert.True(Root.GetProperty("parameters").TryGetProperty(name, out var parameter), $"no parameter '{name}'");
        return parameter;
    }

    /// <summary>A template variable's expression.</summary>
    public string Variable(string name)
    {
        Assert.True(Root.GetProperty("variables").TryGetProperty(name, out var variable), $"no variable '{name}'");
        return variable.GetString()!;
    }

    /// <summary>The function app's settings, name → value (a literal or an ARM expression).</summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in Resource("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray())
        {
            var name = setting.GetProperty("name").GetString()!;
            Assert.True(settings.TryAdd(name, setting.GetProperty("value").GetString()!), $"app setting {name} appears twice");
        }

        return settings;
    }
}
