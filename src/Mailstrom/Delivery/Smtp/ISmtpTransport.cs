namespace Mailstrom.Delivery.Smtp;

/// <summary>Runs one SMTP transaction against one endpoint. A connection pool can implement it later unchanged.</summary>
public interface ISmtpTransport
{
    /// <summary>Connects to <paramref name="endpoint"/> and sends <paramref name="transaction"/>.</summary>
    /// <param name="endpoint">The address, port, host name and security of the server.</param>
    /// <param name="transaction">The message and its envelope.</param>
    /// <param name="cancellationToken">Cancels the session (the worker is stopping).</param>
    /// <returns>Per-recipient outcomes, or why the session never got going. Delivery failures are values, never exceptions.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<SmtpSessionResult> SendAsync(SmtpEndpoint endpoint, SmtpTransaction transaction, CancellationToken cancellationToken);
}
