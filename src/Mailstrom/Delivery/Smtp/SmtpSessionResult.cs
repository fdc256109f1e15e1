namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// The result of one SMTP session: either it never got going (connect failure, greeting refusal, TLS trouble) and the
/// next address or host should be tried, or the transaction ran and every recipient has an outcome.
/// </summary>
public sealed record SmtpSessionResult
{
    private SmtpSessionResult(
        bool tryNextHost, AttemptOutcome? failure, IReadOnlyList<AttemptOutcome> outcomes, bool? certificateValid, string? certificateProblem)
    {
        TryNextHost = tryNextHost;
        Failure = failure;
        Outcomes = outcomes;
        CertificateValid = certificateValid;
        CertificateProblem = certificateProblem;
    }

    /// <summary>Gets whether the session never reached a transaction, so another address or host should be tried.</summary>
    public bool TryNextHost { get; }

    /// <summary>Gets why the session never got going (a temporary outcome), when <see cref="TryNextHost"/> is set.</summary>
    public AttemptOutcome? Failure { get; }

    /// <summary>Gets one outcome per recipient in transaction order; empty when <see cref="TryNextHost"/> is set.</summary>
    public IReadOnlyList<AttemptOutcome> Outcomes { get; }

    /// <summary>Gets whether the server's TLS certificate validated, or <see langword="null"/> without TLS.</summary>
    public bool? CertificateValid { get; }

    /// <summary>Gets why the certificate did not validate, when <see cref="CertificateValid"/> is <see langword="false"/>.</summary>
    public string? CertificateProblem { get; }

    /// <summary>A session that never got going.</summary>
    /// <param name="failure">Why (a temporary outcome naming the host).</param>
    /// <returns>A result that asks for the next address or host.</returns>
    public static SmtpSessionResult NextHost(AttemptOutcome failure) => new(true, failure, [], null, null);

    /// <summary>A transaction that produced per-recipient outcomes.</summary>
    /// <param name="outcomes">One outcome per recipient.</param>
    /// <param name="certificateValid">Whether the certificate validated, or <see langword="null"/> without TLS.</param>
    /// <param name="certificateProblem">Why the certificate did not validate, if it did not.</param>
    /// <returns>A completed result.</returns>
    public static SmtpSessionResult Completed(IReadOnlyList<AttemptOutcome> outcomes, bool? certificateValid, string? certificateProblem = null) =>
        new(false, null, outcomes, certificateValid, certificateValid == false ? certificateProblem : null);
}
