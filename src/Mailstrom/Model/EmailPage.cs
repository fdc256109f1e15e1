namespace Mailstrom.Model;

/// <summary>One page of emails.</summary>
/// <param name="Items">The emails on this page, newest first.</param>
/// <param name="ContinuationToken">Pass this to get the next page; <see langword="null"/> on the last page.</param>
public sealed record EmailPage(IReadOnlyList<EmailStatus> Items, string? ContinuationToken);
