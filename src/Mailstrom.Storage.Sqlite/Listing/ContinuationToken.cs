using System.Globalization;
using Mailstrom.Model;

namespace Mailstrom.Storage.Sqlite.Listing;

/// <summary>Where the next page of the SQLite listing starts: after the email created at <paramref name="CreatedTicks"/> with id <paramref name="Id"/>.</summary>
/// <param name="CreatedTicks">The creation time of the last email of the previous page (UTC ticks).</param>
/// <param name="Id">Its id.</param>
internal sealed record ContinuationToken(long CreatedTicks, string Id)
{
    /// <summary>The engine tag of SQLite listing positions.</summary>
    public const string Engine = "s1";

    /// <summary>The token to hand back to the caller.</summary>
    public string Encode() => ContinuationTokens.Encode(Engine, string.Create(CultureInfo.InvariantCulture, $"{CreatedTicks}|{Id}"));

    /// <summary>Reads a token issued by <see cref="Encode"/>.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The position.</returns>
    /// <exception cref="InvalidContinuationTokenException">The token was not issued here, or was altered.</exception>
    public static ContinuationToken Decode(string token)
    {
        var text = ContinuationTokens.Decode(Engine, token);
        var separator = text.IndexOf('|', StringComparison.Ordinal);
        if (separator <= 0 || separator == text.Length - 1
            || !long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new InvalidContinuationTokenException();
        }

        return new ContinuationToken(ticks, text[(separator + 1)..]);
    }
}
