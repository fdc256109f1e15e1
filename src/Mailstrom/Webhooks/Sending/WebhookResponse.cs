namespace Mailstrom.Webhooks.Sending;

/// <summary>What one POST of an event got: the receiver's status and <c>Retry-After</c>, or why there was no answer.</summary>
/// <param name="StatusCode">The HTTP status code; <see langword="null"/> when no response came (refused, unreachable, timed out).</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c>, as a delay from now, if it sent one.</param>
/// <param name="Detail">A short description for logs and the stored last error (never a secret).</param>
public sealed record WebhookResponse(int? StatusCode, TimeSpan? RetryAfter, string Detail);
