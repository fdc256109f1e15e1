using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailstrom.Cli.Api;

/// <summary>The JSON settings for the API's bodies: web defaults, and nulls left out of what the tool writes.</summary>
internal static class ApiJson
{
    /// <summary>The shared options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
