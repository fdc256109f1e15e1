using System.Globalization;
using System.Net;

namespace Mailstrom.Delivery.Dns;

/// <summary>Parses <see cref="DnsOptions.NameServers"/> entries.</summary>
internal static class NameServerParser
{
    private const int DefaultPort = 53;

    internal static bool TryParse(string? text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !IPAddress.TryParse(text[1..close], out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }

            var rest = text[(close + 1)..];
            if (rest.Length == 0)
            {
                endpoint = new IPEndPoint(v6, DefaultPort);
                return true;
            }

            if (rest[0] != ':' || !TryParsePort(rest[1..], out var v6Port))
            {
                return false;
            }

            endpoint = new IPEndPoint(v6, v6Port);
            return true;
        }

        // A bare address: IPv4, or IPv6 without brackets (which cannot carry a port).
        if (IPAddress.TryParse(text, out var bare) && (bare.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || IsDottedQuad(text)))
        {
            endpoint = new IPEndPoint(bare, DefaultPort);
            return true;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || text.IndexOf(':', StringComparison.Ordinal) != colon)
        {
            return false;
        }

        var host = text[..colon];
        if (!IsDottedQuad(host) || !IPAddress.TryParse(host, out var v4) || !TryParsePort(text[(colon + 1)..], out var port))
        {
            return false;
        }

        endpoint = new IPEndPoint(v4, port);
        return true;
    }

    // IPAddress.TryParse accepts "1" or "1.2" as IPv4 shorthands; a name server must be written in full.
    private static bool IsDottedQuad(string text) =>
        text.Count(c => c == '.') == 3 && text.All(c => char.IsAsciiDigit(c) || c == '.');

    private static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
