using System.Text.Json.Serialization;

namespace Mailstrom.Functions.FunctionsHost;

/// <summary>
/// What a custom handler answers to an invocation: output binding values by name, log lines the host writes to the
/// function's log, and the <c>$return</c> binding's value. Names are written exactly as the host documents them.
/// </summary>
/// <param name="Logs">Lines for the function's log; no addresses, keys or message content.</param>
internal sealed record InvocationResponse(
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs)
{
    /// <summary>Output binding values by name: the functions here have none.</summary>
    [JsonPropertyName("Outputs")]
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>The <c>$return</c> value: none.</summary>
    [JsonPropertyName("ReturnValue")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? ReturnValue { get; init; }
}
