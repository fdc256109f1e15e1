namespace Mailstrom.Delivery.MtaSts;

/// <summary>
/// The texts of policy failures: a recipient's reason when an <c>enforce</c> policy defers it, and what a <c>testing</c>
/// policy records. Each names the host and what failed.
/// </summary>
internal static class MtaStsReasons
{
    /// <summary>The recorded mode of an applied <c>enforce</c> policy.</summary>
    public const string Enforce = "enforce";

    public static string NotInPolicy(IReadOnlyList<string> hosts) =>
        $"{string.Join(", ", hosts)} {(hosts.Count == 1 ? "is" : "are")} not in the policy";

    public static string NoStartTls(string host) => $"{host} offers no STARTTLS";

    public static string NotSecured(string host) => $"the session with {host} was not secured with STARTTLS";

    public static string CertificateInvalid(string host, string problem) => $"certificate of {host} is not valid for {host}: {problem}";

    /// <summary>Deferred: no MX host of the domain is in its enforced policy.</summary>
    public static AttemptOutcome EnforcedNotInPolicy(IReadOnlyList<string> hosts) => AttemptOutcome.Local(
        AttemptOutcomeKind.Transient, $"4.4.4 MTA-STS enforce: {NotInPolicy(hosts)}", hosts.Count > 0 ? hosts[0] : null) with
    {
        MtaSts = Enforce,
    };

    /// <summary>Deferred (this host): it does not offer STARTTLS, which the enforced policy requires.</summary>
    public static AttemptOutcome EnforcedNoStartTls(string host) => AttemptOutcome.Local(
        AttemptOutcomeKind.Transient, $"4.7.10 MTA-STS enforce: {NoStartTls(host)}", host) with { MtaSts = Enforce };

    /// <summary>Deferred (this host): its certificate is not valid for its name, which the enforced policy requires.</summary>
    public static AttemptOutcome EnforcedCertificateInvalid(string host, string problem) => AttemptOutcome.Local(
        AttemptOutcomeKind.Transient, $"4.7.5 MTA-STS enforce: {CertificateInvalid(host, problem)}", host) with { MtaSts = Enforce };
}
