using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Mailstrom.Http.Bodies;

/// <summary>Reads a request body into memory without ever holding more than a given number of bytes.</summary>
internal static class RequestBodyReader
{
    private const int ChunkSize = 81_920;

    /// <summary>
    /// Reads the whole body. A declared <c>Content-Length</c> over <paramref name="limit"/> is refused before a byte
    /// is read; a body without one (chunked) is cut off as soon as it grows past the limit.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="limit">The largest body accepted, in bytes.</param>
    /// <param name="cancellationToken">Cancels the read (the request was aborted).</param>
    /// <returns>The body, or <see langword="null"/> when it is larger than <paramref name="limit"/>.</returns>
    /// <exception cref="BadHttpRequestException">The body could not be read: malformed framing, too slow, cut short.</exception>
    /// <exception cref="OperationCanceledException">The request was aborted.</exception>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Let the server enforce the same cap (it would otherwise apply its own default, 30 MB in Kestrel).
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        var initialCapacity = (int)Math.Min(request.ContentLength ?? ChunkSize, limit);
        using var buffer = new MemoryStream(initialCapacity);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OverflowException or FormatException
            && ex is not (BadHttpRequestException or ConnectionResetException))
        {
            // Kestrel reports most bodies it cannot read as BadHttpRequestException with the status to answer (400 for
            // broken framing, 408 for a body slower than the minimum data rate), which passes through as it is; but some
            // not: a chunk size that overflows (IOException), a NUL or non-ASCII byte in a trailer (InvalidOperationException).
            // The body is the client's, so a failure to parse it is the client's fault; RequestFaults answers it with 400.
            // (After answering, Kestrel drains the body, meets the trailer's InvalidOperationException again and logs its
            // own error, RequestBodyDrainBodyReaderInvalidState; only Kestrel can change that.)
            throw new BadHttpRequestException($"The request body could not be read: {ex.Message}", StatusCodes.Status400BadRequest, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        // The stream's own array is handed out without a copy; disposing a MemoryStream does not clear it.
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
