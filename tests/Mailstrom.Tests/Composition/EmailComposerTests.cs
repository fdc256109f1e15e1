using System.Text;
using Mailstrom.Composition;
using Mailstrom.Model;
using MimeKit;

namespace Mailstrom.Tests.Composition;

public sealed class EmailComposerTests
{
    [Fact]
    public void Compose_WhenBccPresent_StoredContentHasNoBccButEnvelopeHasRecipient()
    {
        var request = ComposerFixture.ValidRequest();
        request.Bcc = ["secret@example.net"];

        var email = ComposerFixture.CreateComposer().Compose(request, "id1");

        Assert.DoesNotContain("secret@example.net", ComposerFixture.Text(email), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Bcc:", ComposerFixture.Text(email), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ComposerFixture.Load(email).Bcc);
        Assert.Contains(email.Recipients, r => r.Address == "secret@example.net");
    }

    [Fact]
    public void Compose_AddsMessageIdFromEmailIdAndHeloName()
    {
        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ValidRequest(), "01HXYZ");

        Assert.Equal("01HXYZ@" + ComposerFixture.HeloName, email.MessageId);
        Assert.Contains("Message-Id: <01HXYZ@mail.example.net>\r\n", ComposerFixture.Text(email), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(email.MessageId, ComposerFixture.Load(email).MessageId);
    }

    [Fact]
    public void Compose_AddsDateFromTimeProvider()
    {
        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ValidRequest(), "id1");

        Assert.Equal(ComposerFixture.Now, ComposerFixture.Load(email).Date);
    }

    [Fact]
    public void Compose_SameRequestAndIdTwice_ProducesSameMessageIdDateAndBytes()
    {
        var composer = ComposerFixture.CreateComposer();

        var first = composer.Compose(ComposerFixture.ValidRequest(), "id1");
        var second = composer.Compose(ComposerFixture.ValidRequest(), "id1");

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.Content.ToArray(), second.Content.ToArray());
    }

    [Fact]
    public void Compose_FillsSummaryFields()
    {
        var email = ComposerFixture.CreateComposer().Compose(ComposerFixture.ValidRequest(), "id1");

        Assert.Equal("sender@example.com", email.From);
        Assert.Equal("sender@example.com", email.EnvelopeFrom);
        Assert.Equal("Hello", email.Subject);
    }

    [Fact]
    public void Compose_WritesCrlfLineEndingsOnly()
    {
        var request = ComposerFixture.ValidRequest();
        request.Text = "line one\nline two\n";

        var text = ComposerFixture.Text(ComposerFixture.CreateComposer().Compose(request, "id1"));

        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_WhenNoBody_AddsEmptyTextPart()
    {
        var request = ComposerFixture.ValidRequest();
        request.Text = null;

        var body = Assert.IsType<TextPart>(ComposerFixture.Load(ComposerFixture.CreateComposer().Compose(request, "id1")).Body);

        Assert.True(body.IsPlain);
        Assert.Equal(string.Empty, body.Text.Trim());
    }

    [Fact]
    public void Compose_WhenTextAndHtml_BuildsAlternative()
    {
        var request = ComposerFixture.ValidRequest();
        request.Html = "<p>Hello there.</p>";

        var message = ComposerFixture.Load(ComposerFixture.CreateComposer().Compose(request, "id1"));

        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal("Hello there.", message.TextBody!.Trim());
        Assert.Equal("<p>Hello there.</p>", message.HtmlBody!.Trim());
    }

    [Fact]
    public void Compose_WithAttachment_RoundTripsBytesNameAndType()
    {
        var bytes = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var request = ComposerFixture.ValidRequest();
        request.Attachments = [new() { FileName = "data.bin", Content = Convert.ToBase64String(bytes) }, new() { FileName = "r.pdf", ContentType = "application/pdf", Content = "JVBERi0=" }];

        var message = ComposerFixture.Load(ComposerFixture.CreateComposer().Compose(request, "id1"));

        var parts = message.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["data.bin", "r.pdf"], parts.Select(p => p.FileName));
        Assert.Equal("application/octet-stream", parts[0].ContentType.MimeType);
        Assert.Equal("application/pdf", parts[1].ContentType.MimeType);
        using var decoded = new MemoryStream();
        parts[0].Content!.DecodeTo(decoded);
        Assert.Equal(bytes, decoded.ToArray());
    }

    [Fact]
    public void Compose_CustomHeader_IsWrittenWithItsValue()
    {
        var request = ComposerFixture.ValidRequest();
        request.Headers = new Dictionary<string, string> { ["X-Campaign"] = "spring" };

        var message = ComposerFixture.Load(ComposerFixture.CreateComposer().Compose(request, "id1"));

        Assert.Equal("spring", message.Headers["X-Campaign"]);
    }

    [Fact]
    public void Compose_WhenHeaderValueTriesInjection_IsRejectedAndNoHeaderAppears()
    {
        var request = ComposerFixture.ValidRequest();
        request.Headers = new Dictionary<string, string> { ["X-Tag"] = "x\r\nBcc: victim@example.net" };

        var error = Assert.Throws<EmailValidationException>(() => ComposerFixture.CreateComposer().Compose(request, "id1"));

        Assert.Equal("headers.X-Tag", error.Field);
    }

    [Fact]
    public void Compose_WhenIdnDomain_UsesPunycodeInEnvelopeAndHeaders()
    {
        var request = ComposerFixture.ValidRequest();
        request.To = ["Käufer <kunde@Bücher.de>"];

        var email = ComposerFixture.CreateComposer().Compose(request, "id1");

        var recipient = Assert.Single(email.Recipients);
        Assert.Equal(new EnvelopeRecipient("kunde@xn--bcher-kva.de", "xn--bcher-kva.de", false), recipient);
        Assert.Contains("kunde@xn--bcher-kva.de", ComposerFixture.Text(email), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_WhenAllAddressesAscii_WritesSevenBitContentEvenForUtf8Text()
    {
        var request = ComposerFixture.ValidRequest();
        request.Subject = "Grüße";
        request.Text = "Schöne Grüße aus Köln";

        var email = ComposerFixture.CreateComposer().Compose(request, "id1");

        Assert.All(email.Content.ToArray(), b => Assert.True(b < 128));
        var message = ComposerFixture.Load(email);
        Assert.Equal("Grüße", message.Subject);
        Assert.Equal("Schöne Grüße aus Köln", message.TextBody!.Trim());
    }

    [Fact]
    public void Compose_WhenLocalPartNonAscii_WritesUtf8Headers_AndFlagsEveryRecipientSmtpUtf8()
    {
        var request = ComposerFixture.ValidRequest();
        request.To = ["用户@例子.广告", "plain@example.org"];

        var email = ComposerFixture.CreateComposer().Compose(request, "id1");

        // The To header carries the UTF-8 address to both recipients: neither server may get it without SMTPUTF8.
        Assert.Equal([true, true], email.Recipients.Select(r => r.RequiresSmtpUtf8));
        Assert.Equal("xn--fsqu00a.xn--4rr70v", email.Recipients[0].Domain);
        Assert.Contains("用户@", Encoding.UTF8.GetString(email.Content.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_WhenComposedMessageExceedsLimit_ThrowsTooLargeOnBody()
    {
        var request = ComposerFixture.ValidRequest();
        request.Text = new string('x', 4000);

        var error = Assert.Throws<EmailValidationException>(() => ComposerFixture.CreateComposer(maxMessageBytes: 2048).Compose(request, "id1"));

        Assert.Equal("body", error.Field);
        Assert.Equal(ValidationErrorKind.TooLarge, error.Kind);
        Assert.Contains("the limit is 2048 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_WhenTooManyRecipients_IsInvalidNotTooLarge()
    {
        var request = ComposerFixture.ValidRequest();
        request.To = ["a@example.org", "b@example.org"];

        var error = Assert.Throws<EmailValidationException>(() => ComposerFixture.CreateComposer(maxRecipients: 1).Compose(request, "id1"));

        Assert.Equal(("to[1]", ValidationErrorKind.Invalid), (error.Field, error.Kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a@b")]
    [InlineData("<id>")]
    public void Compose_WhenEmailIdUnfitForMessageId_ThrowsArgumentException(string emailId)
    {
        Assert.ThrowsAny<ArgumentException>(() => ComposerFixture.CreateComposer().Compose(ComposerFixture.ValidRequest(), emailId));
    }

    [Fact]
    public void Compose_WhenRequestNull_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ComposerFixture.CreateComposer().Compose((EmailRequest)null!, "id1"));
    }
}
