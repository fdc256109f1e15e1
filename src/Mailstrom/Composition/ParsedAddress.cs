using MimeKit;

namespace Mailstrom.Composition;

/// <summary>A mailbox that passed <see cref="AddressParser"/>: its envelope form and the mailbox to write in headers.</summary>
/// <param name="Mailbox">The mailbox for headers: the display name and <paramref name="Address"/>.</param>
/// <param name="Address">The envelope address: the local part as given, the domain in lower-case ASCII (punycode).</param>
/// <param name="Domain">The lower-case ASCII domain.</param>
/// <param name="RequiresSmtpUtf8">Whether the local part is non-ASCII.</param>
internal sealed record ParsedAddress(MailboxAddress Mailbox, string Address, string Domain, bool RequiresSmtpUtf8)
{
    /// <summary>The envelope recipient for this address.</summary>
    public EnvelopeRecipient ToRecipient() => new(Address, Domain, RequiresSmtpUtf8);
}
