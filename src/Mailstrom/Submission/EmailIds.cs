namespace Mailstrom.Submission;

/// <summary>Creates email ids: time-ordered (UUID v7) in 32 lower-case hex digits, safe in URLs, table keys and Message-IDs.</summary>
public static class EmailIds
{
    /// <summary>The length of every id.</summary>
    public const int Length = 32;

    /// <summary>Creates a new id.</summary>
    /// <returns>The id.</returns>
    public static string New() => Guid.CreateVersion7().ToString("N");

    /// <summary>Whether <paramref name="id"/> has the shape of an id (so a malformed one can be answered 404 without a lookup).</summary>
    /// <param name="id">The candidate.</param>
    /// <returns><see langword="true"/> when it is 32 lower-case hex digits.</returns>
    public static bool IsWellFormed(string? id)
    {
        if (id is null || id.Length != Length)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
