using System.ComponentModel.DataAnnotations;
using Mailstrom.Composition;
using Mailstrom.Composition.Signing;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Dns;
using Mailstrom.Delivery.MtaSts;
using Mailstrom.Retry;
using Mailstrom.Suppression;
using Mailstrom.Webhooks;

namespace Mailstrom;

/// <summary>
/// All of Mailstrom's engine settings, bound from the <c>Mailstrom</c> configuration section
/// (environment form <c>Mailstrom__Section__Key</c>) and validated at start-up.
/// </summary>
public sealed class MailstromOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom";

    /// <summary>
    /// The name Mailstrom gives itself in EHLO and in generated Message-IDs (<c>&lt;id@HeloName&gt;</c>). Set it to a
    /// fully qualified name whose A record and PTR match your sending address, or receivers may distrust your mail.
    /// </summary>
    /// <value>Defaults to <c>localhost</c>.</value>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$",
        ErrorMessage = "Mailstrom:HeloName must be a host name such as mail.example.com (letters, digits, hyphens and dots).")]
    public string HeloName { get; set; } = "localhost";

    /// <summary>Size limits on submitted email.</summary>
    public LimitsOptions Limits { get; set; } = new();

    /// <summary>How mail is delivered.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>DNS settings for MX resolution.</summary>
    public DnsOptions Dns { get; set; } = new();

    /// <summary>MTA-STS (RFC 8461) for direct delivery.</summary>
    public MtaStsOptions MtaSts { get; set; } = new();

    /// <summary>The retry schedule.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>DKIM signing: the keys of the domains mail is signed for, and whether unsigned mail is refused.</summary>
    public DkimOptions Dkim { get; set; } = new();

    /// <summary>Signed webhooks: the endpoints told of status changes, and how their events are delivered.</summary>
    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>The suppression list: addresses that failed permanently as non-existent, refused without an attempt.</summary>
    public SuppressionOptions Suppression { get; set; } = new();
}
