using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Mailstrom.Composition;

/// <summary>
/// Rules for header names and for the caller-supplied <c>headers</c> and subject: RFC 5322 field names, no header
/// injection (values cannot hold CR, LF or other control characters except TAB, not even RFC 2047-encoded), no
/// override of the headers the composer owns, no trace or transport headers, and which fields may appear only once.
/// </summary>
internal static class HeaderRules
{
    /// <summary>The longest custom header name.</summary>
    public const int MaxNameLength = 76;

    /// <summary>The longest custom header value, in characters (RFC 5322 §2.1.1 line limit).</summary>
    public const int MaxValueLength = 998;

    /// <summary>Headers the composer writes itself; <c>Content-*</c> headers are reserved as well.</summary>
    public static FrozenSet<string> ReservedNames { get; } = new[]
    {
        "From", "Sender", "To", "Cc", "Bcc", "Reply-To", "Subject", "Message-ID", "Date", "MIME-Version",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Fields that may appear at most once in a message (RFC 5322 §3.6; From exactly once). In-Reply-To and References
    /// are the only ones a JSON request may give in <c>headers</c>; the map refuses them twice in different case.
    /// </summary>
    public static FrozenSet<string> SingleInstanceNames { get; } = new[]
    {
        "From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Trace and transport fields, added by the servers a message passes through and never by its submitter
    /// (RFC 5321 §4.4, RFC 5322 §3.6.6–3.6.7, RFC 6376, RFC 8617, RFC 8601, RFC 7208, and the envelope recipient that
    /// delivery agents record: Delivered-To, X-Original-To, Envelope-To): a submitted one could forge a message's history,
    /// its authentication results or where it was delivered. <c>ARC-*</c> and <c>Resent-*</c> fields count as well.
    /// </summary>
    public static FrozenSet<string> TraceNames { get; } = new[]
    {
        "Return-Path", "Received", "Received-SPF", "Delivered-To", "X-Original-To", "Envelope-To", "DKIM-Signature", "DomainKey-Signature",
        "Authentication-Results",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="name"/> is a trace or transport field (<see cref="TraceNames"/>, <c>ARC-*</c>, <c>Resent-*</c>).</summary>
    /// <param name="name">The field name.</param>
    /// <returns><see langword="true"/> for a trace or transport field.</returns>
    public static bool IsTraceField(string name) =>
        TraceNames.Contains(name)
        || name.StartsWith("ARC-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Resent-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="name"/> is a MIME field, which may appear at most once per header block.</summary>
    /// <param name="name">The field name.</param>
    /// <returns><see langword="true"/> for <c>Content-*</c> and <c>MIME-Version</c>.</returns>
    public static bool IsMimeField(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) || name.Equals("MIME-Version", StringComparison.OrdinalIgnoreCase);

    /// <summary>The message refusing a trace or transport field.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>What is wrong.</returns>
    public static string TraceFieldRefused(string name) =>
        $"The header '{name}' is a trace or transport field that mail servers add; a submitted message must not carry it.";

    /// <summary>Validates the custom headers of a request.</summary>
    /// <param name="headers">Header names to values; <see langword="null"/> for none.</param>
    /// <param name="limits">The limits (<see cref="LimitsOptions.MaxHeaders"/>, <see cref="LimitsOptions.MaxHeaderBytes"/>).</param>
    /// <exception cref="EmailValidationException">A name or value is invalid or reserved, a name is given twice, or
    /// there are too many (field <c>headers</c>) or too many bytes (field <c>headers</c>, TooLarge).</exception>
    public static void ValidateCustomHeaders(IDictionary<string, string>? headers, LimitsOptions limits)
    {
        if (headers is null)
        {
            return;
        }

        if (headers.Count > limits.MaxHeaders)
        {
            throw new EmailValidationException("headers", string.Create(CultureInfo.InvariantCulture,
                $"At most {limits.MaxHeaders} custom headers are allowed; {headers.Count} were given."));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        long bytes = 0;
        foreach (var (name, value) in headers)
        {
            var field = "headers." + name;
            var error = CheckName(name) ?? CheckValue(value);
            if (error is not null)
            {
                throw new EmailValidationException(field, error);
            }

            if (!names.Add(name))
            {
                throw new EmailValidationException(field, "The header '" + name + "' is given twice; header names are case-insensitive.");
            }

            bytes += Encoding.UTF8.GetByteCount(name) + 2 + Encoding.UTF8.GetByteCount(value);
        }

        if (bytes > limits.MaxHeaderBytes)
        {
            throw new EmailValidationException("headers", string.Create(CultureInfo.InvariantCulture,
                $"The custom headers take {bytes} bytes; the limit is {limits.MaxHeaderBytes}."), ValidationErrorKind.TooLarge);
        }
    }

    /// <summary>Checks a custom header name.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="null"/> when valid; otherwise what is wrong.</returns>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A header name is required.";
        }

        if (name.Length > MaxNameLength)
        {
            return "A header name is longer than 76 characters.";
        }

        if (!HeaderFieldRules.IsFieldName(name))
        {
            return "A header name must be printable ASCII without spaces or colons (RFC 5322 field name).";
        }

        if (ReservedNames.Contains(name) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            return "The header '" + name + "' is set by Mailstrom and cannot be given in headers; use the request's own fields.";
        }

        return IsTraceField(name) ? TraceFieldRefused(name) : null;
    }

    /// <summary>Checks a custom header value.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="null"/> when valid; otherwise what is wrong.</returns>
    public static string? CheckValue(string? value)
    {
        if (value is null)
        {
            return "A header value is required (use an empty string for an empty header).";
        }

        if (TextRules.HasControlCharacter(value, allowTab: true))
        {
            return "A header value must not contain line breaks or control characters.";
        }

        if (value.Length > MaxValueLength)
        {
            return "A header value is longer than 998 characters.";
        }

        return TextRules.HasControlCharacter(TextRules.Decoded(value), allowTab: true)
            ? "A header value must not contain line breaks or control characters, not even RFC 2047-encoded ones."
            : null;
    }

    /// <summary>Validates the subject line, of a JSON request (field <c>subject</c>) or a raw message (field <c>Subject</c>).</summary>
    /// <param name="subject">The subject as the reader sees it; <see langword="null"/> for none.</param>
    /// <param name="maxLength">The longest subject allowed (<see cref="LimitsOptions.MaxSubjectLength"/>).</param>
    /// <param name="field">The field to name.</param>
    /// <exception cref="EmailValidationException">The subject holds a line break or control character, also RFC
    /// 2047-encoded (Invalid), or is longer than <paramref name="maxLength"/> (TooLarge).</exception>
    public static void ValidateSubject(string? subject, int maxLength, string field = "subject")
    {
        if (subject is null)
        {
            return;
        }

        if (TextRules.HasControlCharacter(subject, allowTab: true) || TextRules.HasControlCharacter(TextRules.Decoded(subject), allowTab: true))
        {
            throw new EmailValidationException(field, "The subject must not contain line breaks or control characters.");
        }

        if (subject.Length > maxLength)
        {
            throw new EmailValidationException(field, string.Create(CultureInfo.InvariantCulture,
                $"The subject is {subject.Length} characters; the limit is {maxLength}."), ValidationErrorKind.TooLarge);
        }
    }
}
