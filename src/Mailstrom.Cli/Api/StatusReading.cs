using Mailstrom.Contracts;

namespace Mailstrom.Cli.Api;

/// <summary>One answer of <c>GET /api/emails/{id}</c>: the status, and how long the server asks the caller to wait before asking again.</summary>
/// <param name="Status">The email's status.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header, sent while the email is not final.</param>
internal sealed record StatusReading(EmailStatusResponse Status, TimeSpan? RetryAfter)
{
    /// <summary>Whether the email is final (Completed, Failed or Terminated), by the engine's own rule.</summary>
    public bool IsFinal => EmailStates.IsFinal(Status);
}
