using System.Text.Json.Serialization;

namespace Mailstrom.Server.Contracts;

/// <summary>The body of <c>GET /api/health</c>.</summary>
/// <param name="Status">Always <c>Healthy</c> when the app answers.</param>
public sealed record HealthResponse([property: JsonPropertyName("status")] string Status);
