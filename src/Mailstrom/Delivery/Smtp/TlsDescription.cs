using System.Net.Security;
using System.Security.Authentication;

namespace Mailstrom.Delivery.Smtp;

/// <summary>Describes a negotiated TLS session the way mail logs do, such as <c>TLSv1.3 TLS_AES_256_GCM_SHA384</c>.</summary>
internal static class TlsDescription
{
    internal static string? Describe(bool secure, SslProtocols protocol, TlsCipherSuite? cipherSuite)
    {
        if (!secure)
        {
            return null;
        }

#pragma warning disable SYSLIB0039, CA5397 // naming old protocols is not using them
        var name = protocol switch
        {
            SslProtocols.Tls13 => "TLSv1.3",
            SslProtocols.Tls12 => "TLSv1.2",
            SslProtocols.Tls11 => "TLSv1.1",
            SslProtocols.Tls => "TLSv1",
            _ => protocol.ToString(),
        };
#pragma warning restore SYSLIB0039, CA5397
        return cipherSuite is { } suite ? $"{name} {suite}" : name;
    }
}
