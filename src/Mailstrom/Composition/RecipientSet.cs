using System.Globalization;

namespace Mailstrom.Composition;

/// <summary>
/// The distinct envelope recipients of one email, in first-occurrence order. Two addresses are the same recipient
/// when their envelope forms (domain already lower-case ASCII) are equal ignoring case, local part included: mailbox
/// providers treat local parts case-insensitively in practice, and one copy per mailbox is what callers expect.
/// </summary>
internal sealed class RecipientSet
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EnvelopeRecipient> _recipients = [];
    private readonly int _maxRecipients;

    /// <summary>Creates an empty set.</summary>
    /// <param name="maxRecipients">The most distinct recipients allowed.</param>
    public RecipientSet(int maxRecipients) => _maxRecipients = maxRecipients;

    /// <summary>The distinct recipients so far, in first-occurrence order.</summary>
    public IReadOnlyList<EnvelopeRecipient> Recipients => _recipients;

    /// <summary>Whether any address so far requires SMTPUTF8.</summary>
    public bool RequiresSmtpUtf8 { get; private set; }

    /// <summary>Adds a recipient unless already present.</summary>
    /// <param name="address">The recipient.</param>
    /// <param name="field">The field it came from, reported when it is one too many.</param>
    /// <returns>Whether it was new.</returns>
    /// <exception cref="EmailValidationException">It would exceed the maximum number of distinct recipients.</exception>
    public bool Add(ParsedAddress address, string field)
    {
        if (_seen.Contains(address.Address))
        {
            return false;
        }

        if (_recipients.Count >= _maxRecipients)
        {
            throw new EmailValidationException(field, string.Create(CultureInfo.InvariantCulture,
                $"Too many recipients: at most {_maxRecipients} distinct recipients (to, cc and bcc together) are allowed."));
        }

        _seen.Add(address.Address);
        _recipients.Add(address.ToRecipient());
        RequiresSmtpUtf8 |= address.RequiresSmtpUtf8;
        return true;
    }
}
