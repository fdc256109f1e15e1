using System.Globalization;
using MimeKit;
using Mailstrom.Composition.Signing;
using MimeKit.Cryptography;

namespace Mailstrom.Composition;

/// <summary>
/// Writes a composed message as it goes on the wire after DATA: CRLF line endings, every body 7-bit clean
/// (<see cref="SevenBitBody"/>: quoted-printable or base64 where needed) so that it delivers to servers without 8BITMIME.
/// Headers are written as UTF-8 (RFC 6532) when an address needs SMTPUTF8, and a raw message's valid UTF-8 header text
/// is kept as it is; otherwise they are ASCII with encoded-words. Whether the written message holds any 8-bit octet
/// (which can then only be UTF-8 header text) decides whether it needs SMTPUTF8. DKIM signatures are computed after
/// the message is prepared and with the very options it is written with, so they cover the octets written; delivery
/// sends these octets unchanged (<c>RecordingSmtpClient</c>).
/// </summary>
internal static class MessageWriter
{
    /// <summary>The longest line written (RFC 5322 §2.1.1).</summary>
    public const int MaxLineLength = 998;

    /// <summary>Prepares and writes <paramref name="message"/>, refusing it when it is larger than <paramref name="maxBytes"/>.</summary>
    /// <param name="message">The message; its parts are re-encoded in place where needed.</param>
    /// <param name="international">Whether to write UTF-8 headers (the message needs SMTPUTF8 anyway).</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    /// <param name="signers">The DKIM signers, one signature each; none when <see langword="null"/> or empty.</param>
    /// <returns>The message bytes, and whether they need SMTPUTF8.</returns>
    /// <exception cref="EmailValidationException">The message is larger than <paramref name="maxBytes"/> (<see cref="ValidationErrorKind.TooLarge"/>),
    /// a body cannot be made 7-bit clean (<see cref="SevenBitBody.Enforce"/>), or a written line breaks RFC 5322 (field <c>body</c>).</exception>
    public static WrittenMessage Write(MimeMessage message, bool international, long maxBytes, IReadOnlyList<DkimSigner>? signers = null)
    {
        message.Prepare(EncodingConstraint.SevenBit, MaxLineLength);
        SevenBitBody.Enforce(message);
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        options.International = international;

        // As MailKit writes after DATA, and as the DKIM signer hashes the body.
        options.EnsureNewLine = true;
        DkimSigning.Sign(message, options, signers ?? []);

        using var output = new BoundedBuffer(maxBytes);
        message.WriteTo(options, output);
        if (output.TotalBytes > maxBytes)
        {
            throw new EmailValidationException("body", string.Create(CultureInfo.InvariantCulture,
                $"The composed message is {output.TotalBytes} bytes; the limit is {maxBytes} bytes."), ValidationErrorKind.TooLarge);
        }

        // The last line of defence: the rules before this one should already guarantee it.
        var content = output.ToArray();
        var scan = WireOctets.Scan(content);
        if (scan.Broken)
        {
            throw new EmailValidationException("body",
                "The composed message would hold a NUL, a bare CR or a line over 998 octets (RFC 5322 §2.1.1, §2.3).");
        }

        return new WrittenMessage(content, international || scan.EightBit);
    }

    /// <summary>A write-only stream that keeps at most a limit of bytes but counts everything written.</summary>
    private sealed class BoundedBuffer(long limit) : Stream
    {
        private readonly MemoryStream _buffer = new();

        public long TotalBytes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => TotalBytes;

        public override long Position
        {
            get => TotalBytes;
            set => throw new NotSupportedException();
        }

        public byte[] ToArray() => _buffer.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            TotalBytes += buffer.Length;
            if (TotalBytes <= limit)
            {
                _buffer.Write(buffer);
            }
        }

        public override void WriteByte(byte value) => Write([value]);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _buffer.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A message as written by <see cref="MessageWriter"/>.</summary>
/// <param name="Content">The octets after DATA.</param>
/// <param name="RequiresSmtpUtf8">Whether they hold 8-bit (UTF-8) header text, so every recipient's server must offer SMTPUTF8.</param>
internal sealed record WrittenMessage(byte[] Content, bool RequiresSmtpUtf8);
