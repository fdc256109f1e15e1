using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Delivery;

/// <summary>How Mailstrom delivers (<c>Mailstrom:Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Delivery";

    /// <summary>Direct to each recipient domain's MX hosts, or everything through one relay.</summary>
    /// <value>Defaults to <see cref="DeliveryMode.Direct"/>.</value>
    public DeliveryMode Mode { get; set; } = DeliveryMode.Direct;

    /// <summary>The TLS policy for direct delivery.</summary>
    /// <value>Defaults to <see cref="TlsPolicy.Opportunistic"/>.</value>
    public TlsPolicy Tls { get; set; } = TlsPolicy.Opportunistic;

    /// <summary>The SMTP port of MX hosts in direct mode.</summary>
    /// <value>Defaults to 25.</value>
    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 25;

    /// <summary>The most delivery attempts in flight at once, over all domains.</summary>
    /// <value>Defaults to 64.</value>
    [Range(1, 10_000)]
    public int MaxConcurrency { get; set; } = 64;

    /// <summary>The most delivery attempts in flight at once to one recipient domain.</summary>
    /// <value>Defaults to 20 (Postfix's default destination concurrency).</value>
    [Range(1, 10_000)]
    public int MaxConcurrencyPerDomain { get; set; } = 20;

    /// <summary>The most recipients sent in one SMTP transaction.</summary>
    /// <value>Defaults to 50 (Postfix's default destination recipient limit).</value>
    [Range(1, 1000)]
    public int MaxRecipientsPerTransaction { get; set; } = 50;

    /// <summary>How long to wait for a TCP connection (and TLS handshake) to one address.</summary>
    /// <value>Defaults to 30 seconds (Postfix's smtp_connect_timeout).</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for any one SMTP reply, including the reply to the end of DATA.</summary>
    /// <value>Defaults to 2 minutes: below RFC 5321's 5-minute minimums so an API caller learns sooner; servers that
    /// answer slower than that are retried later.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest one delivery attempt (MX lookup, every host tried, the whole SMTP transaction) may take. It bounds a
    /// server that keeps every single reply inside <see cref="CommandTimeout"/> yet never finishes; such an attempt is
    /// deferred. Must be shorter than <see cref="LeaseDuration"/>, so no other worker takes the recipient meanwhile.
    /// </summary>
    /// <value>Defaults to 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether MX hosts and relays on loopback, private, link-local, CGNAT or multicast addresses may be dialled.</summary>
    /// <value>Defaults to <see langword="false"/>: such destinations are reported Deferred and never dialled.</value>
    public bool AllowPrivateDestinations { get; set; }

    /// <summary>How long a worker's claim on a recipient lasts before another worker may take it.</summary>
    /// <value>Defaults to 10 minutes; must exceed the longest attempt (connect + several command timeouts).</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the worker looks for due work when nothing wakes it sooner.</summary>
    /// <value>Defaults to 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long attempts in flight may run on after shutdown begins. Those that finish are recorded; the rest are
    /// cancelled and their leases released, so another worker takes them at once.
    /// </summary>
    /// <value>Defaults to 10 seconds (keep it below the host's shutdown timeout, 30 seconds by default).</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether this process runs the background delivery worker.</summary>
    /// <value>Defaults to <see langword="true"/>. Turn it off for an instance that only accepts and reports while
    /// other processes on the same store deliver.</value>
    public bool EnableWorker { get; set; } = true;

    /// <summary>The smarthost used in <see cref="DeliveryMode.Relay"/> mode.</summary>
    public RelayOptions Relay { get; set; } = new();
}

/// <summary>Where mail goes.</summary>
public enum DeliveryMode
{
    /// <summary>Resolve each recipient domain's MX hosts and deliver to them.</summary>
    Direct,

    /// <summary>Send everything through <see cref="DeliveryOptions.Relay"/>.</summary>
    Relay,
}

/// <summary>TLS policy for direct delivery.</summary>
public enum TlsPolicy
{
    /// <summary>STARTTLS whenever offered; self-signed and mismatched certificates are accepted and recorded.</summary>
    Opportunistic,

    /// <summary>STARTTLS must succeed; a server without it is a temporary failure.</summary>
    Required,

    /// <summary>Never use TLS.</summary>
    None,
}

/// <summary>TLS for the relay connection.</summary>
public enum RelayTls
{
    /// <summary>Plain connection upgraded with STARTTLS (port 587); the upgrade is required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Implicit,

    /// <summary>No TLS. AUTH is then refused.</summary>
    None,
}

/// <summary>The smarthost (<c>Mailstrom:Delivery:Relay</c>).</summary>
public sealed class RelayOptions
{
    /// <summary>The relay's host name or address. Required in relay mode.</summary>
    public string? Host { get; set; }

    /// <summary>The relay's port.</summary>
    /// <value>Defaults to 587.</value>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>How the relay connection is secured.</summary>
    /// <value>Defaults to <see cref="RelayTls.StartTls"/>.</value>
    public RelayTls Tls { get; set; } = RelayTls.StartTls;

    /// <summary>The AUTH user name, if the relay needs one. AUTH is only ever sent over TLS.</summary>
    public string? Username { get; set; }

    /// <summary>The AUTH password. Never logged.</summary>
    public string? Password { get; set; }
}
