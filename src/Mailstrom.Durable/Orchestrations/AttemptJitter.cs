namespace Mailstrom.Durable.Orchestrations;

/// <summary>
/// The jitter sample for the retry rule, derived from the email, the domain and the attempt number instead of a random
/// source: an orchestrator must decide the same way on every replay, and recipients of one email on one domain that
/// fail together then fall due together again and share their next SMTP transaction.
/// </summary>
public static class AttemptJitter
{
    /// <summary>A number in [0, 1) that depends only on the arguments.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="domain">The recipients' domain.</param>
    /// <param name="attempts">The attempts made so far, including the one just made.</param>
    /// <returns>The sample.</returns>
    public static double Sample(string emailId, string domain, int attempts)
    {
        ArgumentNullException.ThrowIfNull(emailId);
        ArgumentNullException.ThrowIfNull(domain);

        // FNV-1a, 64 bits, over the UTF-16 code units and the attempt number.
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037;
        foreach (var c in emailId)
        {
            hash = (hash ^ c) * prime;
        }

        hash = (hash ^ '|') * prime;
        foreach (var c in domain)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * prime;
        }

        hash = (hash ^ (uint)attempts) * prime;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
