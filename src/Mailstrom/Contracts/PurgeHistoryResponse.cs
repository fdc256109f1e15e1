using System.Text.Json.Serialization;

namespace Mailstrom.Contracts;

/// <summary>The body of a successful purge.</summary>
/// <param name="InstancesDeleted">How many emails were deleted (always 1 for a purge by id).</param>
public sealed record PurgeHistoryResponse([property: JsonPropertyName("instancesDeleted")] int InstancesDeleted);
