using System.Text.Json;
using System.Text.Json.Nodes;

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

    /// <summary>
    /// The function app's settings on a plan of the given kind, name → value (a literal, or an ARM expression such as
    /// <c>[parameters('x')]</c>).
    /// </summary>
    /// <param name="elasticPremium">Whether the plan is Elastic Premium (the template's <c>isElasticPremium</c>).</param>
    public IReadOnlyDictionary<string, string> AppSettings(bool elasticPremium = true)
    {
        var value = Resource("Microsoft.Web/sites").GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings");
        var list = value.ValueKind == JsonValueKind.String
            ? ArmExpression.Evaluate(value.GetString()!, new Dictionary<string, bool> { ["isElasticPremium"] = elasticPremium })
            : JsonNode.Parse(value.GetRawText());
        var array = Assert.IsType<JsonArray>(list);

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in array)
        {
            var name = setting!["name"]!.GetValue<string>();
            Assert.True(settings.TryAdd(name, setting["value"]!.GetValue<string>()), $"app setting {name} appears twice");
        }

        return settings;
    }
}
