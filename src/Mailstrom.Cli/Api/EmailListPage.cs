using Mailstrom.Contracts;

namespace Mailstrom.Cli.Api;

/// <summary>One page of <c>GET /api/emails</c>.</summary>
/// <param name="Items">The emails on this page.</param>
/// <param name="ContinuationToken">The token for the next page, or <see langword="null"/> on the last page.</param>
internal sealed record EmailListPage(IReadOnlyList<EmailStatusResponse> Items, string? ContinuationToken);

/// <summary>One page of <c>GET /api/suppressions</c>.</summary>
/// <param name="Items">The entries on this page.</param>
/// <param name="ContinuationToken">The token for the next page, or <see langword="null"/> on the last page.</param>
internal sealed record SuppressionListPage(IReadOnlyList<SuppressionResponse> Items, string? ContinuationToken);
