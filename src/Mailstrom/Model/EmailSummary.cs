namespace Mailstrom.Model;

/// <summary>What the status API shows of an email's input. It never includes bodies or attachments.</summary>
/// <param name="MessageId">The Message-ID header value, without angle brackets; the same on every attempt.</param>
/// <param name="From">The sender's address.</param>
/// <param name="Subject">The subject line, if any.</param>
/// <param name="RecipientCount">How many distinct recipients the email has.</param>
public sealed record EmailSummary(string MessageId, string From, string? Subject, int RecipientCount);
