namespace Mailstrom.Model;

/// <summary>The outcome of accepting one email.</summary>
/// <param name="Id">The email's id (also its orchestration instance id).</param>
/// <param name="Replayed"><see langword="true"/> when an earlier email with the same idempotency key and content was
/// found and nothing new was stored.</param>
public sealed record SendResult(string Id, bool Replayed);
