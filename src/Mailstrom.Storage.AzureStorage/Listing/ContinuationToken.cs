using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Mailstrom.Storage.AzureStorage.Listing;

/// <summary>
/// The opaque keyset position of a page: the created time and id of the last email returned. Listing is newest first,
/// so the next page holds emails strictly before this position.
/// </summary>
/// <param name="CreatedTicks">The last email's created time, in UTC ticks.</param>
/// <param name="Id">The last email's id.</param>
internal sealed record ContinuationToken(long CreatedTicks, string Id)
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenInKeys =
        System.Buffers.SearchValues.Create("/\\#?|\t\n\r\0");

    /// <summary>The listing row key of this position.</summary>
    public string RowKey => ListingEntity.RowKeyOf(CreatedTicks, Id);

    /// <summary>Encodes the position as base64url text.</summary>
    /// <returns>The token.</returns>
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedTicks}|{Id}")));

    /// <summary>Decodes a token made by <see cref="Encode"/>.</summary>
    /// <param name="token">The token.</param>
    /// <param name="paramName">The argument to name in the exception.</param>
    /// <returns>The position.</returns>
    /// <exception cref="ArgumentException">The token is not one this store made.</exception>
    public static ContinuationToken Decode(string token, string paramName)
    {
        ArgumentNullException.ThrowIfNull(token);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException ex)
        {
            throw Malformed(paramName, ex);
        }

        var separator = text.IndexOf('|', StringComparison.Ordinal);
        if (separator <= 0 || separator == text.Length - 1
            || !long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || text.AsSpan(separator + 1).IndexOfAny(ForbiddenInKeys) >= 0)
        {
            throw Malformed(paramName, null);
        }

        return new ContinuationToken(ticks, text[(separator + 1)..]);
    }

    private static ArgumentException Malformed(string paramName, Exception? inner) =>
        new("The continuation token is malformed: pass back the token returned with the previous page unchanged.", paramName, inner);
}
