namespace Mailstrom.Delivery.Dns;

/// <summary>Finds the hosts that receive mail for a domain, with their addresses.</summary>
public interface IMxResolver
{
    /// <summary>Resolves <paramref name="domain"/>'s MX hosts and each host's A and AAAA addresses.</summary>
    /// <param name="domain">The recipient domain (ASCII).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The hosts in the order to try them, or why there are none. DNS failures are values, not exceptions.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken);
}
