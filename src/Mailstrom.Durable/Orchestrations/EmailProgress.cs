using System.Text.Json.Serialization;
using Mailstrom.Contracts;

namespace Mailstrom.Durable.Orchestrations;

/// <summary>
/// What a <see cref="DurableTaskNames.SendEmail"/> instance publishes as its custom status after every change, and
/// returns as its output: counts, and every recipient it delivers, in the shape of the HTTP API's <c>customStatus</c>.
/// A root instance of an email larger than one page lists no recipients; its <see cref="Pages"/> name the children
/// that do (<see cref="RecipientPages"/>), so every recipient of a 1,000-recipient email is readable while the custom
/// status of each instance stays small.
/// </summary>
/// <param name="Queued">Recipients not yet attempted.</param>
/// <param name="Deferred">Recipients waiting for their next attempt.</param>
/// <param name="Delivered">Recipients delivered.</param>
/// <param name="Failed">Recipients failed for good.</param>
/// <param name="NextAttemptTime">The earliest next attempt among deferred recipients (UTC, second precision).</param>
/// <param name="Recipients">Every recipient of this instance, or <see langword="null"/> for a root split into pages.</param>
/// <param name="Pages">The number of page instances of a split root, or <see langword="null"/>.</param>
public sealed record EmailProgress(
    [property: JsonPropertyName("queued")] int Queued,
    [property: JsonPropertyName("deferred")] int Deferred,
    [property: JsonPropertyName("delivered")] int Delivered,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("nextAttemptTime")] string? NextAttemptTime,
    [property: JsonPropertyName("recipients")] IReadOnlyList<RecipientStatusResponse>? Recipients,
    [property: JsonPropertyName("pages")] int? Pages = null);
