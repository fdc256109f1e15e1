using System.Globalization;
using MailKit;

namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// Bounds how much a server may send in answer to one command. MailKit buffers a whole reply (every line of a
/// multi-line reply) in memory before returning it, so a server that never ends a reply would make it read without
/// bound. MailKit hands every byte it reads from the server to its protocol logger as it arrives; this logger counts
/// the bytes read since the client last wrote, and throws once they exceed <see cref="MaxBytesPerExchange"/>, which
/// aborts the read and, with it, the session.
/// </summary>
/// <remarks>
/// RFC 5321 §4.5.3.1.5 limits a reply line to 512 octets; real servers answer EHLO in well under 1 KB. The bound
/// leaves room for a pipelined batch of replies (MAIL FROM, 50 RCPT TO, DATA) with long texts many times over.
/// </remarks>
internal sealed class ReplySizeGuard : IProtocolLogger
{
    /// <summary>The most bytes read from the server between two writes by the client.</summary>
    public const int MaxBytesPerExchange = 256 * 1024;

    private long _sinceLastWrite;

    /// <inheritdoc/>
    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <inheritdoc/>
    public void LogConnect(Uri uri) => Interlocked.Exchange(ref _sinceLastWrite, 0);

    /// <inheritdoc/>
    public void LogClient(byte[] buffer, int offset, int count) => Interlocked.Exchange(ref _sinceLastWrite, 0);

    /// <inheritdoc/>
    /// <exception cref="IOException">The server has sent more than <see cref="MaxBytesPerExchange"/> bytes since the client last wrote.</exception>
    public void LogServer(byte[] buffer, int offset, int count)
    {
        if (Interlocked.Add(ref _sinceLastWrite, count) > MaxBytesPerExchange)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"the server's reply is longer than {MaxBytesPerExchange} bytes (RFC 5321 allows 512 per line); the session was abandoned"));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
