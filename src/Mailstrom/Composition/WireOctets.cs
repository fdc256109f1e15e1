namespace Mailstrom.Composition;

/// <summary>
/// The one scan of octets bound for the wire after DATA: RFC 5322 forbids NUL, a CR not followed by LF and lines over
/// 998 octets (§2.1.1, §2.3); RFC 2045 calls data free of those and of 8-bit octets "7bit".
/// </summary>
internal static class WireOctets
{
    /// <summary>Scans <paramref name="octets"/>.</summary>
    /// <param name="octets">The octets as written (CRLF or LF line breaks).</param>
    /// <returns>What was found.</returns>
    public static WireScan Scan(ReadOnlySpan<byte> octets)
    {
        var eightBit = false;
        var line = 0;
        for (var i = 0; i < octets.Length; i++)
        {
            var b = octets[i];
            if (b == '\n')
            {
                line = 0;
                continue;
            }

            eightBit |= b >= 0x80;
            if (b == 0 || (b == '\r' && (i + 1 == octets.Length || octets[i + 1] != '\n')) || (b != '\r' && ++line > MessageWriter.MaxLineLength))
            {
                return new WireScan(eightBit, Broken: true);
            }
        }

        return new WireScan(eightBit, Broken: false);
    }
}

/// <summary>The result of <see cref="WireOctets.Scan"/>.</summary>
/// <param name="EightBit">Whether an octet of 128 or more was seen (before the scan stopped at a break).</param>
/// <param name="Broken">Whether a NUL, a bare CR or a line over 998 octets was found.</param>
internal readonly record struct WireScan(bool EightBit, bool Broken)
{
    /// <summary>Whether the octets are 7-bit clean (RFC 2045 §2.7).</summary>
    public bool SevenBitClean => !EightBit && !Broken;
}
