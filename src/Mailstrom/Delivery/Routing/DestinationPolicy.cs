using System.Net;
using System.Net.Sockets;

namespace Mailstrom.Delivery.Routing;

/// <summary>
/// Decides whether an address is a public unicast destination. Mailstrom never dials loopback, private, link-local,
/// CGNAT, multicast, documentation or reserved addresses unless <see cref="DeliveryOptions.AllowPrivateDestinations"/>
/// is set, so that a hostile MX record cannot point it at internal services.
/// </summary>
public static class DestinationPolicy
{
    private static readonly (byte[] Prefix, int Bits)[] NonPublicV4 =
    [
        ([0, 0, 0, 0], 8),          // "this network"
        ([10, 0, 0, 0], 8),         // private
        ([100, 64, 0, 0], 10),      // CGNAT shared address space
        ([127, 0, 0, 0], 8),        // loopback
        ([169, 254, 0, 0], 16),     // link-local
        ([172, 16, 0, 0], 12),      // private
        ([192, 0, 0, 0], 24),       // IETF protocol assignments
        ([192, 0, 2, 0], 24),       // TEST-NET-1
        ([192, 88, 99, 0], 24),     // deprecated 6to4 relay anycast
        ([192, 168, 0, 0], 16),     // private
        ([198, 18, 0, 0], 15),      // benchmarking
        ([198, 51, 100, 0], 24),    // TEST-NET-2
        ([203, 0, 113, 0], 24),     // TEST-NET-3
        ([224, 0, 0, 0], 4),        // multicast
        ([240, 0, 0, 0], 4),        // reserved, including 255.255.255.255 broadcast
    ];

    private static readonly (byte[] Prefix, int Bits)[] NonPublicV6 =
    [
        (new byte[16], 96),                         // unspecified, loopback and IPv4-compatible (::/96)
        ([0x01, 0x00, 0, 0, 0, 0, 0, 0], 64),        // discard-only 100::/64
        ([0x20, 0x01, 0x0d, 0xb8], 32),              // documentation 2001:db8::/32
        ([0xfc], 7),                                 // unique local fc00::/7
        ([0xfe, 0x80], 10),                          // link-local fe80::/10
        ([0xfe, 0xc0], 10),                          // deprecated site-local fec0::/10
        ([0xff], 8),                                 // multicast ff00::/8
    ];

    /// <summary>Whether <paramref name="address"/> is a public unicast address that may be dialled.</summary>
    /// <param name="address">The address.</param>
    /// <returns><see langword="true"/> for a public address; <see langword="false"/> for loopback, private, link-local,
    /// CGNAT, multicast, broadcast, documentation and reserved ranges (IPv4-mapped, NAT64 and 6to4 IPv6 addresses are
    /// judged by the IPv4 address they embed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is <see langword="null"/>.</exception>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !Matches(address.GetAddressBytes(), NonPublicV4);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        var bytes = address.GetAddressBytes();
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            // NAT64 64:ff9b::/96 embeds the IPv4 destination in its last 32 bits.
            return IsPublic(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            // 6to4 2002::/16 embeds the IPv4 address in bits 16-47.
            return IsPublic(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return !Matches(bytes, NonPublicV6);
    }

    private static bool Matches(byte[] address, (byte[] Prefix, int Bits)[] ranges)
    {
        foreach (var (prefix, bits) in ranges)
        {
            if (InPrefix(address, prefix, bits))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InPrefix(byte[] address, byte[] prefix, int bits)
    {
        for (var i = 0; i < bits; i++)
        {
            var wanted = i / 8 < prefix.Length ? (prefix[i / 8] >> (7 - (i % 8))) & 1 : 0;
            if (((address[i / 8] >> (7 - (i % 8))) & 1) != wanted)
            {
                return false;
            }
        }

        return true;
    }
}
