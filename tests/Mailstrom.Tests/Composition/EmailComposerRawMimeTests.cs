using Mailstrom.Composition;
using MimeKit;

namespace Mailstrom.Tests.Composition;

/// <summary><see cref="EmailComposer"/> over raw MIME messages: the envelope, Message-ID, Date and Bcc handling.</summary>
public sealed class EmailComposerRawMimeTests
{
    private const string RawMessage = """
        From: Sender <sender@example.com>
        To: a@example.org, Team: b@example.org, c@example.org;
        Cc: A@EXAMPLE.org, d@bücher.de
        Bcc: hidden@example.net
        Subject: Raw

        Body line.
        """;

    [Fact]
    public void ComposeRaw_GathersRecipientsFromToCcBccAndGroups_AndStripsBcc()
    {
        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw(RawMessage), "raw1");

        Assert.Equal(
            ["a@example.org", "b@example.org", "c@example.org", "d@xn--bcher-kva.de", "hidden@example.net"],
            email.Recipients.Select(r => r.Address));
        Assert.DoesNotContain("hidden@example.net", ComposerFixture.Text(email), StringComparison.Ordinal);
        Assert.Empty(ComposerFixture.Load(email).Bcc);
        Assert.Equal("Raw", email.Subject);
    }

    [Fact]
    public void ComposeRaw_WhenNoMessageIdOrDate_AddsBoth()
    {
        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw(RawMessage), "raw1");

        var message = ComposerFixture.Load(email);
        Assert.Equal("raw1@mail.example.net", email.MessageId);
        Assert.Equal(email.MessageId, message.MessageId);
        Assert.Equal(ComposerFixture.Now, message.Date);
    }

    [Fact]
    public void ComposeRaw_WhenMessageIdAndDatePresent_KeepsThem()
    {
        var raw = "Message-ID: <original@sender.example.com>\nDate: Tue, 01 Jan 2030 10:00:00 +0100\n" + RawMessage;

        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw(raw), "raw1");

        Assert.Equal("original@sender.example.com", email.MessageId);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 10, 0, 0, TimeSpan.FromHours(1)), ComposerFixture.Load(email).Date);
    }

    [Fact]
    public void ComposeRaw_WhenSenderPresent_UsesItAsEnvelopeFrom()
    {
        var raw = "Sender: bounces@lists.example.com\n" + RawMessage;

        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw(raw), "raw1");

        Assert.Equal("bounces@lists.example.com", email.EnvelopeFrom);
        Assert.Equal("sender@example.com", email.From);
    }

    [Fact]
    public void ComposeRaw_WhenNoFrom_ThrowsOnFrom()
    {
        var error = Assert.Throws<EmailValidationException>(() =>
            ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw("To: a@example.org\nSubject: x\n\nbody\n"), "raw1"));

        Assert.Equal("From", error.Field);
    }

    [Fact]
    public void ComposeRaw_WhenOnlyEmptyGroup_ThrowsOnTo()
    {
        var error = Assert.Throws<EmailValidationException>(() =>
            ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw("From: s@example.com\nTo: undisclosed-recipients:;\n\nbody\n"), "raw1"));

        Assert.Equal("To", error.Field);
    }

    [Fact]
    public void ComposeRaw_WhenCcHasSingleLabelDomain_ThrowsOnCcNamingTheAddress()
    {
        var error = Assert.Throws<EmailValidationException>(() =>
            ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw("From: s@example.com\nTo: a@example.org\nCc: x@intranet\n\nbody\n"), "raw1"));

        Assert.Equal("Cc", error.Field);
        Assert.Contains("x@intranet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeRaw_WhenBodyIsEightBit_ReEncodesToSevenBit()
    {
        var raw = "From: s@example.com\nTo: a@example.org\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nGrüße\n";

        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw(raw), "raw1");

        Assert.All(email.Content.ToArray(), b => Assert.True(b < 128));
        Assert.Equal("Grüße", ComposerFixture.Load(email).TextBody!.Trim());
    }

    [Fact]
    public void ComposeRaw_WhenHeadersHoldUtf8_MarksEveryRecipientSmtpUtf8_AndKeepsTheText()
    {
        var raw = "From: s@example.com\nTo: a@example.org, b@example.net\nSubject: Grüße aus Köln\n\nbody\n";

        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw(raw), "raw1");

        Assert.All(email.Recipients, r => Assert.True(r.RequiresSmtpUtf8));
        Assert.Contains("Subject: Grüße aus Köln\r\n", ComposerFixture.Text(email), StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeRaw_WhenHeadersAreAscii_NoRecipientNeedsSmtpUtf8()
    {
        var raw = "From: s@example.com\nTo: a@example.org\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\nContent-Type: text/plain; charset=utf-8\n\nGrüße\n";

        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw(raw), "raw1");

        Assert.False(Assert.Single(email.Recipients).RequiresSmtpUtf8);
    }

    [Fact]
    public void ComposeRaw_WhenOversize_ThrowsTooLargeOnBody()
    {
        var raw = "From: s@example.com\nTo: a@example.org\n\n" + new string('x', 3000) + "\n";

        var error = Assert.Throws<EmailValidationException>(() =>
            ComposerFixture.CreateComposer(maxMessageBytes: 2048).Compose(ComposerFixture.ParseRaw(raw), "raw1"));

        Assert.Equal(("body", ValidationErrorKind.TooLarge), (error.Field, error.Kind));
    }

    [Fact]
    public void ComposeRaw_WhenTooManyRecipients_ThrowsOnTheOverflowingHeader()
    {
        var error = Assert.Throws<EmailValidationException>(() =>
            ComposerFixture.CreateComposer(maxRecipients: 2).Compose(ComposerFixture.ParseRaw(RawMessage), "raw1"));

        Assert.Equal(("To", ValidationErrorKind.Invalid), (error.Field, error.Kind));
    }

    [Fact]
    public void ComposeRaw_WhenMessageNull_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ComposerFixture.CreateComposer().Compose((MimeMessage)null!, "raw1"));
    }
}
