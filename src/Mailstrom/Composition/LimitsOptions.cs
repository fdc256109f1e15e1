using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Composition;

/// <summary>Size limits on submitted email (<c>Mailstrom:Limits</c>).</summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Limits";

    /// <summary>The largest message accepted, in bytes, measured on the request body and on the composed MIME.</summary>
    /// <value>Defaults to 25 MiB.</value>
    [Range(1024, 1L << 31)]
    public long MaxMessageBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>The most distinct recipients (To + Cc + Bcc) one email may have.</summary>
    /// <value>Defaults to 1000.</value>
    [Range(1, 100_000)]
    public int MaxRecipients { get; set; } = 1000;
}
