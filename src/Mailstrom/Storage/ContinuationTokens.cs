using System.Buffers.Text;
using System.Text;
using Mailstrom.Model;

namespace Mailstrom.Storage;

/// <summary>
/// The one form of a listing's continuation token, whatever engine issues it: the engine's tag, a dot, and the engine's
/// own position in base64url. A token of another engine, a bare or altered one, or one longer than
/// <see cref="MaxLength"/> is refused with <see cref="InvalidContinuationTokenException"/> before the engine reads it.
/// </summary>
public static class ContinuationTokens
{
    /// <summary>The longest token accepted.</summary>
    public const int MaxLength = 4096;

    /// <summary>The token for <paramref name="position"/> of the engine tagged <paramref name="engine"/>.</summary>
    /// <param name="engine">A short tag of letters and digits naming the engine and its token format (e.g. <c>s1</c>).</param>
    /// <param name="position">The engine's own position, opaque to the caller.</param>
    /// <returns>The token.</returns>
    public static string Encode(string engine, string position)
    {
        ArgumentException.ThrowIfNullOrEmpty(engine);
        ArgumentNullException.ThrowIfNull(position);
        return $"{engine}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position))}";
    }

    /// <summary>The position in a token issued by <see cref="Encode"/> for <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine's tag.</param>
    /// <param name="token">The token the caller sent back.</param>
    /// <returns>The engine's position.</returns>
    /// <exception cref="InvalidContinuationTokenException">The token was not issued for this engine, or was altered.</exception>
    public static string Decode(string engine, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(engine);
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxLength || token.Length <= engine.Length + 1
            || !token.StartsWith(engine, StringComparison.Ordinal) || token[engine.Length] != '.')
        {
            throw new InvalidContinuationTokenException();
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true)
                .GetString(Base64Url.DecodeFromChars(token.AsSpan(engine.Length + 1)));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidContinuationTokenException("The continuation token was altered: pass back the token returned with the previous page unchanged, or start again without one.", ex);
        }
    }
}
