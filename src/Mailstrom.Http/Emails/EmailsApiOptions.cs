using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Http.Emails;

/// <summary>Bounds on what the emails API answers (<c>Mailstrom:Api</c>), shared by the server and the Functions app.</summary>
public sealed class EmailsApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Api";

    /// <summary>
    /// The most bytes of JSON one <c>GET /api/emails</c> page may hold, as <see cref="ListPageBudget"/> estimates it from
    /// above. A page that would be larger holds fewer emails than <c>top</c> asked for, and its continuation token
    /// continues right after the last one shown; a page always holds at least one email. A single email's status is
    /// bounded by the message limits instead (<c>Mailstrom:Limits:MaxRecipients</c>; see the README).
    /// </summary>
    /// <value>Defaults to 4 MiB: 1,000 emails of a few recipients each, or one email of 1,000 recipients.</value>
    [Range(64 * 1024, 1L << 30)]
    public long MaxListResponseBytes { get; set; } = 4L * 1024 * 1024;
}
