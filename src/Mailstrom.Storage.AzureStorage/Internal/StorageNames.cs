namespace Mailstrom.Storage.AzureStorage.Internal;

/// <summary>The names of the tables, queues and container of one store, all derived from its name prefix.</summary>
/// <param name="Prefix">A valid prefix (see <see cref="IsValidPrefix"/>).</param>
internal sealed record StorageNames(string Prefix)
{
    /// <summary>The longest prefix: table names end with up to 7 more characters and may have 63.</summary>
    public const int MaxPrefixLength = 40;

    /// <summary>Emails and their recipients: one partition per email.</summary>
    public string EmailsTable => $"{Prefix}emails";

    /// <summary>The newest-first listing index.</summary>
    public string ListingTable => $"{Prefix}listing";

    /// <summary>The emails that are not terminal yet, with their next due time.</summary>
    public string ActiveTable => $"{Prefix}active";

    /// <summary>Idempotency keys.</summary>
    public string KeysTable => $"{Prefix}keys";

    /// <summary>Work messages: one wake-up per pending recipient.</summary>
    public string WorkQueue => $"{Prefix}-work";

    /// <summary>Messages that kept failing.</summary>
    public string PoisonQueue => $"{Prefix}-poison";

    /// <summary>Message content, one blob per email.</summary>
    public string ContentContainer => $"{Prefix}-content";

    /// <summary>Whether <paramref name="prefix"/> can begin table, queue and container names.</summary>
    /// <param name="prefix">The candidate.</param>
    /// <returns><see langword="true"/> for 1 to 40 lower-case ASCII letters and digits starting with a letter.</returns>
    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: > 0 and <= MaxPrefixLength }
        && char.IsAsciiLetterLower(prefix[0])
        && prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
