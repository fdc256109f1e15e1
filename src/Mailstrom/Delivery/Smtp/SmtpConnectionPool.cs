using System.Collections.Concurrent;

namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// Idle SMTP connections kept per endpoint for the next transaction, like Postfix's connection cache: a connection is
/// reused only within <see cref="SmtpConnectionPoolSettings.ReuseTimeLimit"/> of being opened, is closed once idle for
/// <see cref="SmtpConnectionPoolSettings.IdleTimeLimit"/>, and serves one transaction at a time (a rented connection
/// belongs to its caller alone).
/// </summary>
internal sealed class SmtpConnectionPool : IDisposable, IAsyncDisposable
{
    private readonly ConcurrentDictionary<PoolKey, ConcurrentStack<PooledSmtpConnection>> _idle = new();
    private readonly SmtpConnectionPoolSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly Func<PooledSmtpConnection, Task> _close;
    private readonly ITimer _sweeper;
    private volatile bool _disposed;

    /// <param name="settings">Reuse limits.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="close">Says goodbye (QUIT) to a connection leaving the pool and disposes it; never throws.</param>
    public SmtpConnectionPool(SmtpConnectionPoolSettings settings, TimeProvider timeProvider, Func<PooledSmtpConnection, Task> close)
    {
        _settings = settings;
        _timeProvider = timeProvider;
        _close = close;
        var period = settings.IdleTimeLimit > TimeSpan.Zero ? settings.IdleTimeLimit : TimeSpan.FromSeconds(1);
        _sweeper = timeProvider.CreateTimer(_ => Sweep(), null, period, period);
    }

    /// <summary>Gets how many idle connections the pool holds.</summary>
    public int IdleCount => _idle.Values.Sum(s => s.Count);

    /// <summary>Takes the most recently used idle connection to <paramref name="endpoint"/> that may still be reused.</summary>
    /// <param name="endpoint">Where the next transaction goes.</param>
    /// <returns>A connection the caller now owns, or <see langword="null"/>.</returns>
    public PooledSmtpConnection? TryRent(SmtpEndpoint endpoint)
    {
        if (_disposed || !_idle.TryGetValue(PoolKey.For(endpoint), out var stack))
        {
            return null;
        }

        var now = _timeProvider.GetUtcNow();
        while (stack.TryPop(out var connection))
        {
            if (IsReusable(connection, now))
            {
                connection.Uses++;
                return connection;
            }

            _ = _close(connection);
        }

        return null;
    }

    /// <summary>Offers a connection whose transaction is over and which is in a clean state.</summary>
    /// <param name="endpoint">Where it is connected.</param>
    /// <param name="connection">The connection; the pool owns it if this returns <see langword="true"/>.</param>
    /// <returns>Whether the pool kept it; if not, the caller closes it.</returns>
    public bool TryReturn(SmtpEndpoint endpoint, PooledSmtpConnection connection)
    {
        var now = _timeProvider.GetUtcNow();
        if (_disposed || !connection.Client.IsConnected || now - connection.OpenedAt >= _settings.ReuseTimeLimit)
        {
            return false;
        }

        var stack = _idle.GetOrAdd(PoolKey.For(endpoint), _ => new ConcurrentStack<PooledSmtpConnection>());
        if (stack.Count >= _settings.MaxIdlePerEndpoint)
        {
            return false;
        }

        connection.IdleSince = now;
        stack.Push(connection);
        return true;
    }

    /// <summary>Closes the idle connections that have been idle too long or are past their reuse time.</summary>
    public void Sweep()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var stack in _idle.Values)
        {
            var keep = new List<PooledSmtpConnection>();
            while (stack.TryPop(out var connection))
            {
                if (!_disposed && IsReusable(connection, now))
                {
                    keep.Add(connection);
                }
                else
                {
                    _ = _close(connection);
                }
            }

            // Oldest first, so the most recently used one is on top again.
            for (var i = keep.Count - 1; i >= 0; i--)
            {
                stack.Push(keep[i]);
            }
        }
    }

    /// <summary>Stops pooling and closes every idle connection.</summary>
    /// <returns>A task that completes when every idle connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _sweeper.DisposeAsync();
        var closing = new List<Task>();
        foreach (var stack in _idle.Values)
        {
            while (stack.TryPop(out var connection))
            {
                closing.Add(_close(connection));
            }
        }

        await Task.WhenAll(closing);
    }

    /// <summary>Stops pooling and drops every idle connection without QUIT.</summary>
    public void Dispose()
    {
        _disposed = true;
        _sweeper.Dispose();
        foreach (var stack in _idle.Values)
        {
            while (stack.TryPop(out var connection))
            {
                connection.Client.Dispose();
            }
        }
    }

    private bool IsReusable(PooledSmtpConnection connection, DateTimeOffset now) =>
        connection.Client.IsConnected
        && now - connection.OpenedAt < _settings.ReuseTimeLimit
        && now - connection.IdleSince < _settings.IdleTimeLimit;

    // An MTA-STS enforced session validated its certificate; an opportunistic one may not have: they are never shared.
    private readonly record struct PoolKey(
        string HostName, System.Net.IPAddress Address, int Port, SmtpSecurity Security, string? User, string? Password, bool MtaStsEnforced)
    {
        public static PoolKey For(SmtpEndpoint endpoint) => new(
            endpoint.HostName.ToUpperInvariant(), endpoint.Address, endpoint.Port, endpoint.Security,
            endpoint.Credentials?.UserName, endpoint.Credentials?.Password, endpoint.MtaStsEnforced);
    }
}

/// <summary>One open SMTP connection and its age.</summary>
/// <param name="client">The MailKit client, connected (and authenticated, for a relay).</param>
/// <param name="openedAt">When it was opened.</param>
internal sealed class PooledSmtpConnection(RecordingSmtpClient client, DateTimeOffset openedAt)
{
    /// <summary>Gets the client.</summary>
    public RecordingSmtpClient Client { get; } = client;

    /// <summary>Gets when the connection was opened.</summary>
    public DateTimeOffset OpenedAt { get; } = openedAt;

    /// <summary>Gets or sets when it was last put back into the pool.</summary>
    public DateTimeOffset IdleSince { get; set; } = openedAt;

    /// <summary>Gets or sets how many times it was taken from the pool.</summary>
    public int Uses { get; set; }
}

/// <summary>Connection reuse limits.</summary>
/// <param name="ReuseTimeLimit">How long after opening a connection may still be reused (Postfix
/// smtp_connection_reuse_time_limit, 300 s): a slow server cannot become a connection attractor.</param>
/// <param name="IdleTimeLimit">How long an idle connection stays open (Postfix smtp_connection_cache_time_limit, 2 s).</param>
/// <param name="MaxIdlePerEndpoint">The most idle connections kept per endpoint.</param>
internal sealed record SmtpConnectionPoolSettings(TimeSpan ReuseTimeLimit, TimeSpan IdleTimeLimit, int MaxIdlePerEndpoint)
{
    /// <summary>Gets Postfix's limits: reuse for 300 s, idle for 2 s; up to 20 idle connections per endpoint.</summary>
    public static SmtpConnectionPoolSettings Default { get; } = new(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(2), 20);

    /// <summary>Gets settings that never reuse a connection.</summary>
    public static SmtpConnectionPoolSettings Disabled { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0);
}
