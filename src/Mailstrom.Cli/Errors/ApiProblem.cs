using System.Text.Json.Serialization;

namespace Mailstrom.Cli.Errors;

/// <summary>The RFC 9457 problem details the API answers a refusal with; <c>field</c> names the offending input.</summary>
/// <param name="Title">The status's reason phrase.</param>
/// <param name="Detail">What is wrong, in words a caller can act on.</param>
/// <param name="Field">The offending field, header or query parameter, if one is to blame.</param>
internal sealed record ApiProblem(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("field")] string? Field);
