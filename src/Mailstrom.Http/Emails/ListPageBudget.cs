using Mailstrom.Contracts;

namespace Mailstrom.Http.Emails;

/// <summary>
/// Keeps a list response within a budget (<see cref="EmailsApiOptions.MaxListResponseBytes"/>): every item is a full status, with every recipient (up
/// to <c>Mailstrom:Limits:MaxRecipients</c> of them), so 1000 emails of 1000 recipients each would otherwise make a
/// response of gigabytes. A page that would be larger is cut after the last email that fits (always at least one), and
/// its continuation token continues right after that email. The size of an item is estimated from above without
/// serialising it: every character that JSON may escape (control and non-ASCII characters, quotes, backslash and the
/// HTML-sensitive ones) counts as the six bytes of <c>\uXXXX</c>, and the property names, numbers and times as a fixed
/// overhead per item and per recipient.
/// </summary>
internal static class ListPageBudget
{
    /// <summary>Property names, punctuation, numbers, status names and times of one item, outside its recipients.</summary>
    public const int ItemOverheadBytes = 512;

    /// <summary>Property names, punctuation, numbers, status names and times of one recipient.</summary>
    public const int RecipientOverheadBytes = 256;

    /// <summary>How many leading items fit within <paramref name="budgetBytes"/>.</summary>
    /// <param name="items">The page's items, in order.</param>
    /// <param name="budgetBytes">The budget.</param>
    /// <returns>The count of items that fit; at least one when there is any, so that a page always makes progress.</returns>
    public static int CountThatFit(IReadOnlyList<EmailStatusResponse> items, long budgetBytes)
    {
        ArgumentNullException.ThrowIfNull(items);
        long total = 2; // [ ]
        for (var i = 0; i < items.Count; i++)
        {
            total += EstimateBytes(items[i]) + 1; // the comma
            if (total > budgetBytes)
            {
                return Math.Max(i, 1);
            }
        }

        return items.Count;
    }

    /// <summary>An upper bound of an item's size in JSON (UTF-8, escaped by the default encoder).</summary>
    /// <param name="item">The item.</param>
    /// <returns>The bound, in bytes.</returns>
    public static long EstimateBytes(EmailStatusResponse item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var bytes = ItemOverheadBytes + Text(item.Name) + Text(item.InstanceId) + Text(item.RuntimeStatus)
            + Text(item.Input.MessageId) + Text(item.Input.From) + Text(item.Input.Subject) + Text(item.Output?.Reason)
            + Text(item.CreatedTime) + Text(item.LastUpdatedTime);
        foreach (var recipient in item.CustomStatus.Recipients)
        {
            bytes += RecipientOverheadBytes + Text(recipient.Address) + Text(recipient.Status) + Text(recipient.MxHost)
                + Text(recipient.EnhancedStatusCode) + Text(recipient.Response) + Text(recipient.Tls)
                + (recipient.MtaSts is null ? 0 : 12 + Text(recipient.MtaSts))
                + Text(recipient.LastAttemptTime) + Text(recipient.NextAttemptTime);
        }

        return bytes;
    }

    private static long Text(string? value)
    {
        if (value is null)
        {
            return 4; // null
        }

        long bytes = 2; // the quotes
        foreach (var c in value)
        {
            bytes += c is >= ' ' and <= '~' and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') ? 1 : 6;
        }

        return bytes;
    }
}
