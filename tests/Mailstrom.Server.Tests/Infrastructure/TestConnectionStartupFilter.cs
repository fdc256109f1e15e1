using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Mailstrom.Server.Tests.Infrastructure;

/// <summary>
/// Runs before the app's own middleware: sets the connection's remote address (the test server leaves it unset), counts
/// the bytes the app reads from each request body, and tracks the requests in the pipeline.
/// </summary>
internal sealed class TestConnectionStartupFilter(IPAddress? remoteAddress, RequestBodyCounter counter, RequestTracker tracker) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = remoteAddress;
            context.Request.Body = new CountingStream(context.Request.Body, counter);
            tracker.Enter();
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                tracker.Leave();
            }
        });
        next(app);
    };
}

/// <summary>
/// Requests in the app's pipeline, with signals for when none is and for when a number of them have finished: once a
/// request has finished, everything it logs has been logged.
/// </summary>
public sealed class RequestTracker
{
    private readonly Lock _lock = new();
    private int _inFlight;
    private long _finished;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>How many requests have left the app's pipeline.</summary>
    public long Finished
    {
        get
        {
            lock (_lock)
            {
                return _finished;
            }
        }
    }

    /// <summary>Waits until no request is in the app's pipeline.</summary>
    /// <param name="within">The longest wait.</param>
    /// <exception cref="TimeoutException">A request is still running after <paramref name="within"/>.</exception>
    public Task WaitUntilIdleAsync(TimeSpan within) => WaitAsync(() => _inFlight == 0, within, "no request in the app's pipeline");

    /// <summary>Waits until at least <paramref name="count"/> requests have finished (see <see cref="Finished"/>).</summary>
    /// <param name="count">The count to reach.</param>
    /// <param name="within">The longest wait.</param>
    /// <exception cref="TimeoutException">Fewer have finished after <paramref name="within"/>.</exception>
    public Task WaitUntilFinishedAsync(long count, TimeSpan within) =>
        WaitAsync(() => _finished >= count, within, $"{count} finished requests");

    /// <summary>Waits until a request is in the app's pipeline.</summary>
    /// <param name="within">The longest wait.</param>
    /// <exception cref="TimeoutException">None has entered after <paramref name="within"/>.</exception>
    public Task WaitUntilInFlightAsync(TimeSpan within) => WaitAsync(() => _inFlight > 0, within, "a request in the app's pipeline");

    internal void Enter()
    {
        lock (_lock)
        {
            _inFlight++;
            Signal();
        }
    }

    internal void Leave()
    {
        lock (_lock)
        {
            _inFlight--;
            _finished++;
            Signal();
        }
    }

    private async Task WaitAsync(Func<bool> condition, TimeSpan within, string what)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition())
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {within} waiting for {what} ({_inFlight} in flight, {_finished} finished).");
            }
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Request-body bytes read by the app.</summary>
public sealed class RequestBodyCounter
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Add(int count) => Interlocked.Add(ref _bytes, count);
}

/// <summary>A read-only wrapper that counts what is read through it.</summary>
internal sealed class CountingStream(Stream inner, RequestBodyCounter counter) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        counter.Add(read);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        counter.Add(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
