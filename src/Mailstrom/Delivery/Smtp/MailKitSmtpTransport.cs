using Mailstrom.Delivery.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// Sends one transaction over a MailKit connection to exactly the given address: an idle pooled one that still answers
/// RSET, or a fresh one (it dials the address itself, so the connect timeout and the destination policy apply to exactly
/// that address), negotiates TLS, optionally authenticates, and turns every reply into per-recipient outcomes. A
/// connection left in a clean state goes back to the pool (<see cref="SmtpConnectionPool"/>) for the next transaction.
/// </summary>
internal sealed class MailKitSmtpTransport : ISmtpTransport, IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan MaxResetTimeout = TimeSpan.FromSeconds(10);

    private readonly IOptions<MailstromOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MailKitSmtpTransport> _logger;
    private readonly SmtpConnectionPool _pool;
    private readonly SmtpSessionOpener _opener;
    private readonly SmtpMailTransaction _transaction;

    public MailKitSmtpTransport(IOptions<MailstromOptions> options, TimeProvider timeProvider, ILogger<MailKitSmtpTransport> logger)
        : this(options, timeProvider, logger, SmtpConnectionPoolSettings.Default)
    {
    }

    internal MailKitSmtpTransport(
        IOptions<MailstromOptions> options, TimeProvider timeProvider, ILogger<MailKitSmtpTransport> logger, SmtpConnectionPoolSettings pooling)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _pool = new SmtpConnectionPool(pooling, timeProvider, CloseAsync);
        _opener = new SmtpSessionOpener(options, CertificateTrust.Load(options.Value.MtaSts.CaBundlePath), timeProvider, logger);
        _transaction = new SmtpMailTransaction(logger);
    }

    /// <summary>Gets the pool of idle connections.</summary>
    internal SmtpConnectionPool Pool => _pool;

    public async Task<SmtpSessionResult> SendAsync(SmtpEndpoint endpoint, SmtpTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = await RentAsync(endpoint, cancellationToken);
        if (connection is null)
        {
            var (opened, failure) = await _opener.OpenAsync(endpoint, cancellationToken);
            if (opened is null)
            {
                return failure!;
            }

            connection = opened;
        }

        var reusable = false;
        try
        {
            var result = await _transaction.RunAsync(connection.Client, endpoint, transaction, cancellationToken);
            reusable = !connection.Client.Faulted;
            return result;
        }
        finally
        {
            if (!reusable || !_pool.TryReturn(endpoint, connection))
            {
                await CloseAsync(connection);
            }
        }
    }

    /// <summary>Closes the idle pooled connections with QUIT.</summary>
    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    /// <summary>Drops the idle pooled connections.</summary>
    public void Dispose() => _pool.Dispose();

    /// <summary>An idle pooled connection that answers RSET; the ones that do not are closed.</summary>
    private async Task<PooledSmtpConnection?> RentAsync(SmtpEndpoint endpoint, CancellationToken cancellationToken)
    {
        var timeout = _options.Value.Delivery.CommandTimeout < MaxResetTimeout ? _options.Value.Delivery.CommandTimeout : MaxResetTimeout;
        while (_pool.TryRent(endpoint) is { } connection)
        {
            using var reset = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, reset.Token);
            bool alive;
            try
            {
                alive = await connection.Client.TryResetAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                await CloseAsync(connection);
                throw;
            }

            if (alive)
            {
                return connection;
            }

            await CloseAsync(connection);
        }

        return null;
    }

    private async Task CloseAsync(PooledSmtpConnection connection)
    {
        await SmtpSessionEnd.QuitAsync(connection.Client, _timeProvider);
        connection.Client.Dispose();
    }
}
