using System.Buffers.Text;
using System.Text;

namespace Mailstrom.Durable.Client;

/// <summary>
/// The listing's continuation token on the Durable engine: the task hub's own token, wrapped so that a token this API
/// did not issue is refused before it reaches the task hub.
/// </summary>
internal static class DurableContinuationToken
{
    private const string Prefix = "d1.";

    public static string? Encode(string? hubToken) =>
        string.IsNullOrEmpty(hubToken) ? null : Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(hubToken));

    /// <exception cref="ArgumentException">The token was not issued by <see cref="Encode"/>.</exception>
    public static string? Decode(string? token)
    {
        if (token is null)
        {
            return null;
        }

        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 8192)
        {
            throw new ArgumentException("The continuation token is not one this API issued.", nameof(token));
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length)));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token is not one this API issued.", nameof(token), ex);
        }
    }
}
