using Mailstrom.Composition;

namespace Mailstrom.Storage;

/// <summary>An accepted email on its way into the store.</summary>
/// <param name="Id">The email id chosen by Mailstrom.</param>
/// <param name="Email">The composed message and its recipients.</param>
/// <param name="CreatedTime">When it was accepted.</param>
/// <param name="Idempotency">The caller's idempotency key and request fingerprint, if one was given.</param>
public sealed record NewEmail(string Id, ComposedEmail Email, DateTimeOffset CreatedTime, IdempotencyKey? Idempotency = null);

/// <summary>An idempotency key with the fingerprint of the request that used it.</summary>
/// <param name="Key">The caller's key.</param>
/// <param name="RequestHash">A hash of the request body; the same key with another hash is a conflict.</param>
/// <param name="ExpiresAt">When the key may be reused for a new email (24 h after first use).</param>
public sealed record IdempotencyKey(string Key, string RequestHash, DateTimeOffset ExpiresAt);

/// <summary>What <see cref="IEmailStore.CreateAsync"/> did.</summary>
/// <param name="Outcome">Created, replayed or conflict.</param>
/// <param name="Id">The new email's id; for a replay, the earlier email's id; for a conflict, the earlier email's id.</param>
public sealed record CreateEmailResult(CreateEmailOutcome Outcome, string Id);

/// <summary>The outcome of a create.</summary>
public enum CreateEmailOutcome
{
    /// <summary>A new email was stored.</summary>
    Created,

    /// <summary>The idempotency key was used before with the same request: nothing new was stored.</summary>
    Replayed,

    /// <summary>The idempotency key was used before with a different request: nothing was stored.</summary>
    Conflict,
}
