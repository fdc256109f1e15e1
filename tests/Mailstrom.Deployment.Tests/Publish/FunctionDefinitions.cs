using System.Text.Json;

namespace Mailstrom.Deployment.Tests.Publish;

/// <summary>The functions the app defines for the Functions host, as the tests expect them.</summary>
internal static class FunctionDefinitions
{
    /// <summary>The HTTP-triggered functions: name, method and route (under the <c>api</c> prefix).</summary>
    public static readonly (string Name, string Method, string Route)[] Http =
    [
        ("start", "post", "emails"),
        ("status", "get", "emails/{id}"),
        ("terminate", "post", "emails/{id}/terminate"),
        ("purge", "delete", "emails/{id}"),
        ("list", "get", "emails"),
    ];

    /// <summary>Every function folder the publish folder must hold.</summary>
    public static readonly string[] All = [.. Http.Select(h => h.Name), "deliver", "sweep"];

    /// <summary>Reads a function's bindings from its <c>function.json</c>.</summary>
    public static JsonElement[] Bindings(PublishedFunctionApp app, string function)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(app.PathOf(function, "function.json")));
        return [.. document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())];
    }

    /// <summary>A binding's string property.</summary>
    public static string? Text(this JsonElement binding, string name) =>
        binding.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
