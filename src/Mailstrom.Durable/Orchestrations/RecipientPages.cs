using System.Globalization;

namespace Mailstrom.Durable.Orchestrations;

/// <summary>
/// How a large email is split: an email with more than <see cref="Size"/> recipients runs one child instance per page
/// of at most <see cref="Size"/> recipients, so each instance's history and custom status stay small however many
/// recipients the email has. A page's instance id is the email id, a colon and the page number.
/// </summary>
public static class RecipientPages
{
    /// <summary>The most recipients one instance delivers itself.</summary>
    public const int Size = 20;

    /// <summary>The separator between the email id and the page number in a page's instance id.</summary>
    public const char Separator = ':';

    /// <summary>How many pages an email of <paramref name="recipientCount"/> recipients runs (0 when it is one page).</summary>
    /// <param name="recipientCount">The email's recipient count.</param>
    /// <returns>The page count, or 0 when the root delivers every recipient itself.</returns>
    public static int Count(int recipientCount) => recipientCount <= Size ? 0 : (recipientCount + Size - 1) / Size;

    /// <summary>The instance id of page <paramref name="page"/> of email <paramref name="emailId"/>.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="page">The page number, from 0.</param>
    /// <returns>The child instance id.</returns>
    public static string InstanceId(string emailId, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{emailId}{Separator}{page:D4}");

    /// <summary>The prefix every page instance id of <paramref name="emailId"/> starts with.</summary>
    /// <param name="emailId">The email id.</param>
    /// <returns>The prefix.</returns>
    public static string Prefix(string emailId) => emailId + Separator;

    /// <summary>Whether <paramref name="instanceId"/> names a page rather than an email.</summary>
    /// <param name="instanceId">An instance id.</param>
    /// <returns><see langword="true"/> for a page instance.</returns>
    public static bool IsPage(string instanceId) => instanceId.Contains(Separator, StringComparison.Ordinal);

    /// <summary>The inputs of the pages of <paramref name="email"/>, in order.</summary>
    /// <param name="email">The root instance's input.</param>
    /// <returns>One input per page, each with its recipients and the ordinal of its first one.</returns>
    public static IReadOnlyList<SendEmailInput> Split(SendEmailInput email)
    {
        ArgumentNullException.ThrowIfNull(email);
        var pages = new List<SendEmailInput>(Count(email.Recipients.Count));
        for (var first = 0; first < email.Recipients.Count; first += Size)
        {
            var recipients = email.Recipients.Skip(first).Take(Size).ToList();
            pages.Add(email with { Recipients = recipients, FirstOrdinal = first, IsPage = true });
        }

        return pages;
    }
}
