namespace Mailstrom.Delivery.MtaSts;

/// <summary>What a policy asks of senders (RFC 8461 §5).</summary>
internal enum MtaStsMode
{
    /// <summary>No policy is in force (a domain withdrawing MTA-STS).</summary>
    None,

    /// <summary>Deliver as usual, and report what would have failed.</summary>
    Testing,

    /// <summary>Deliver only to listed MX hosts, over TLS with a valid certificate.</summary>
    Enforce,
}

/// <summary>A parsed MTA-STS policy (RFC 8461 §3.2).</summary>
/// <param name="Mode">The mode.</param>
/// <param name="MxPatterns">The allowed MX host patterns, lower case, without a trailing dot (<c>mx.example.com</c>,
/// <c>*.example.com</c>).</param>
/// <param name="MaxAge">How long the policy may be cached.</param>
internal sealed record MtaStsPolicy(MtaStsMode Mode, IReadOnlyList<string> MxPatterns, TimeSpan MaxAge)
{
    /// <summary>The mode as written in policies and recorded with recipients: <c>enforce</c>, <c>testing</c> or <c>none</c>.</summary>
    public string ModeName => Mode switch
    {
        MtaStsMode.Enforce => "enforce",
        MtaStsMode.Testing => "testing",
        _ => "none",
    };

    /// <summary>Whether <paramref name="host"/> matches one of the policy's MX patterns.</summary>
    public bool Allows(string host) => MxPatterns.Any(pattern => MtaStsMxPattern.Matches(pattern, host));
}
