namespace Mailstrom.Model;

/// <summary>How to accept one email, beyond its content.</summary>
public sealed record SendOptions
{
    /// <summary>
    /// The caller's idempotency key: the same key with the same email within
    /// <see cref="Submission.IdempotencyRequest.Window"/> returns the first email's id and stores nothing new; the
    /// same key with a different email is refused with <see cref="Submission.IdempotencyConflictException"/>.
    /// </summary>
    /// <value>1 to <see cref="Submission.IdempotencyRequest.MaxKeyLength"/> visible ASCII characters, or
    /// <see langword="null"/> (the default) for none.</value>
    public string? IdempotencyKey { get; init; }
}
