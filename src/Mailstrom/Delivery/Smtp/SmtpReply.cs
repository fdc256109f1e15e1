using System.Text.RegularExpressions;

namespace Mailstrom.Delivery.Smtp;

/// <summary>Pure rules for SMTP replies: RFC 3463 enhanced status codes and RFC 5321 classification.</summary>
public static partial class SmtpReply
{
    /// <summary>Reads the RFC 3463 enhanced status code (<c>class.subject.detail</c>) that starts a reply's text.</summary>
    /// <param name="code">The basic reply code, when known; the enhanced code's class must then agree with its first digit.</param>
    /// <param name="text">The reply text (after the basic code), for example <c>4.3.0 Try again later</c>.</param>
    /// <returns>The enhanced status code such as <c>4.3.0</c>, or <see langword="null"/> when the text has none.</returns>
    public static string? ParseEnhancedStatusCode(int? code, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var match = EnhancedCode().Match(text);
        if (!match.Success)
        {
            return null;
        }

        if (code is { } basic && match.Groups[1].Value[0] - '0' != basic / 100)
        {
            return null;
        }

        return match.Groups[1].Value;
    }

    /// <summary>Classifies a reply code: 2xx delivered, 4xx temporary, 5xx permanent.</summary>
    /// <param name="code">The SMTP reply code.</param>
    /// <returns>The outcome kind; anything that is neither 2xx nor 5xx (a 4xx, or a code no server should send) is
    /// temporary so that it is retried rather than lost.</returns>
    public static AttemptOutcomeKind Classify(int code) => (code / 100) switch
    {
        2 => AttemptOutcomeKind.Delivered,
        5 => AttemptOutcomeKind.Permanent,
        _ => AttemptOutcomeKind.Transient,
    };

    /// <summary>Turns a server's reply into an outcome for a recipient.</summary>
    /// <param name="code">The reply code.</param>
    /// <param name="text">The reply text (multi-line replies joined with line feeds).</param>
    /// <param name="mxHost">The host that replied.</param>
    /// <param name="tls">The TLS in use, if any.</param>
    /// <returns>The outcome, keeping the code, the enhanced code and the text.</returns>
    public static AttemptOutcome ToOutcome(int code, string? text, string? mxHost, string? tls) =>
        new(Classify(code), code, ParseEnhancedStatusCode(code, text), text, mxHost, tls);

    [GeneratedRegex(@"^\s*([245]\.\d{1,3}\.\d{1,3})(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex EnhancedCode();
}
