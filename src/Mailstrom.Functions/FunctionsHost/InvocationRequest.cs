using System.Text.Json;

namespace Mailstrom.Functions.FunctionsHost;

/// <summary>
/// What the Functions host posts to a custom handler for a non-HTTP trigger: the trigger's and input bindings' values
/// by binding name, and the trigger metadata (for a queue trigger: <c>Id</c>, <c>PopReceipt</c>, <c>DequeueCount</c>,
/// <c>InsertionTime</c>, <c>ExpirationTime</c>, <c>NextVisibleTime</c>, and <c>sys</c>).
/// </summary>
internal sealed class InvocationRequest
{
    /// <summary>Binding values by binding name.</summary>
    public Dictionary<string, JsonElement>? Data { get; set; }

    /// <summary>Trigger metadata by name.</summary>
    public Dictionary<string, JsonElement>? Metadata { get; set; }
}
