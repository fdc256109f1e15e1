using Mailstrom.Delivery.Dns;
using Mailstrom.Delivery.Smtp;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>
/// The pure decisions that apply a policy to one delivery (RFC 8461 §4, §5): which MX hosts an <c>enforce</c> policy lets
/// Mailstrom try (those matching its <c>mx</c> patterns, each then over STARTTLS with a valid certificate), and what a
/// finished session records: the mode, and for <c>testing</c> the first check the session would have failed.
/// A <c>none</c> policy, or none at all, changes nothing and records nothing.
/// </summary>
internal static class MtaStsRouting
{
    /// <summary>Whether <paramref name="policy"/> is one that applies (<c>enforce</c> or <c>testing</c>).</summary>
    public static bool Applies(MtaStsPolicy? policy) => policy is { Mode: MtaStsMode.Enforce or MtaStsMode.Testing };

    /// <summary>The hosts that may be tried, or the outcome that defers the batch when an enforced policy allows none.</summary>
    public static (IReadOnlyList<MxHost> Hosts, AttemptOutcome? Refusal) Hosts(MtaStsPolicy? policy, IReadOnlyList<MxHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (policy is not { Mode: MtaStsMode.Enforce })
        {
            return (hosts, null);
        }

        var allowed = hosts.Where(h => policy.Allows(h.Name)).ToList();
        return allowed.Count > 0 ? (allowed, null) : ([], MtaStsReasons.EnforcedNotInPolicy([.. hosts.Select(h => h.Name)]));
    }

    /// <summary>Whether sessions must be secured and authenticated (an enforced policy).</summary>
    public static bool Enforced(MtaStsPolicy? policy) => policy is { Mode: MtaStsMode.Enforce };

    /// <summary>What a recipient records of the policy: <c>enforce</c>, <c>testing</c>, or <c>testing: </c> and the failure;
    /// <see langword="null"/> when no policy applied.</summary>
    /// <param name="policy">The domain's policy.</param>
    /// <param name="endpoint">The endpoint whose session completed, or <see langword="null"/> when none did.</param>
    /// <param name="session">That session's result.</param>
    public static string? Record(MtaStsPolicy? policy, SmtpEndpoint? endpoint = null, SmtpSessionResult? session = null)
    {
        if (!Applies(policy))
        {
            return null;
        }

        if (policy!.Mode == MtaStsMode.Enforce)
        {
            return MtaStsReasons.Enforce;
        }

        var failure = endpoint is null || session is null ? null : TestingFailure(policy, endpoint.HostName, session);
        return failure is null ? "testing" : $"testing: {failure}";
    }

    /// <summary>The first check of RFC 8461 §4 that a session with <paramref name="host"/> failed, or <see langword="null"/>.</summary>
    public static string? TestingFailure(MtaStsPolicy policy, string host, SmtpSessionResult session)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(session);
        if (!policy.Allows(host))
        {
            return MtaStsReasons.NotInPolicy([host]);
        }

        if (session.CertificateValid is null)
        {
            return MtaStsReasons.NotSecured(host);
        }

        return session.CertificateValid == false
            ? MtaStsReasons.CertificateInvalid(host, session.CertificateProblem ?? "it did not validate")
            : null;
    }
}
