using System.Text;
using Mailstrom.Composition;
using Mailstrom.Model;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Mailstrom.Tests.Composition;

/// <summary>Builders shared by the composition tests.</summary>
internal static class ComposerFixture
{
    public const string HeloName = "mail.example.net";

    public static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static EmailComposer CreateComposer(int maxRecipients = 1000, long maxMessageBytes = 25L * 1024 * 1024)
    {
        var options = new MailstromOptions
        {
            HeloName = HeloName,
            Limits = new LimitsOptions { MaxRecipients = maxRecipients, MaxMessageBytes = maxMessageBytes },
        };
        return new EmailComposer(Options.Create(options), new FakeTimeProvider(Now));
    }

    public static EmailRequest ValidRequest() => new()
    {
        From = "Sender <sender@example.com>",
        To = ["rcpt@example.org"],
        Subject = "Hello",
        Text = "Hello there.",
    };

    public static MimeMessage Load(ComposedEmail email)
    {
        using var stream = new MemoryStream(email.Content.ToArray());
        return MimeMessage.Load(stream);
    }

    public static string Text(ComposedEmail email) => Encoding.UTF8.GetString(email.Content.Span);

    public static MimeMessage ParseRaw(string raw)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));
        return MimeMessage.Load(stream);
    }

    /// <summary>
    /// The exact octets of a raw message: every LF not already after a CR becomes CRLF, a lone CR stays; the text is
    /// UTF-8, or Latin-1 (one octet per character, for invalid UTF-8 such as "\u00FF") when <paramref name="latin1"/>.
    /// </summary>
    public static byte[] Octets(string raw, bool latin1 = false)
    {
        var crlf = System.Text.RegularExpressions.Regex.Replace(raw, "(?<!\r)\n", "\r\n");
        return latin1 ? Encoding.Latin1.GetBytes(crlf) : Encoding.UTF8.GetBytes(crlf);
    }

    public static MimeMessage Parse(byte[] octets)
    {
        using var stream = new MemoryStream(octets);
        return MimeMessage.Load(stream);
    }
}
