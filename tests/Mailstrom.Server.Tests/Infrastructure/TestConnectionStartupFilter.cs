using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Mailstrom.Server.Tests.Infrastructure;

/// <summary>
/// Runs before the app's own middleware: sets the connection's remote address (the test server leaves it unset) and
/// counts the bytes the app reads from each request body.
/// </summary>
internal sealed class TestConnectionStartupFilter(IPAddress? remoteAddress, RequestBodyCounter counter) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = remoteAddress;
            context.Request.Body = new CountingStream(context.Request.Body, counter);
            await nextMiddleware(context);
        });
        next(app);
    };
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
