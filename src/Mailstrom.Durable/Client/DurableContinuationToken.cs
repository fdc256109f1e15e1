using Mailstrom.Model;
using Mailstrom.Storage;

namespace Mailstrom.Durable.Client;

/// <summary>
/// The listing's continuation token on the Durable engine: the task hub's own token in the common envelope of
/// <see cref="ContinuationTokens"/>, so that a token this API did not issue is refused before it reaches the task hub.
/// </summary>
internal static class DurableContinuationToken
{
    /// <summary>The engine tag of Durable listing positions.</summary>
    public const string Engine = "d1";

    public static string? Encode(string? hubToken) =>
        string.IsNullOrEmpty(hubToken) ? null : ContinuationTokens.Encode(Engine, hubToken);

    /// <exception cref="InvalidContinuationTokenException">The token was not issued by <see cref="Encode"/>.</exception>
    public static string? Decode(string? token) => token is null ? null : ContinuationTokens.Decode(Engine, token);
}
