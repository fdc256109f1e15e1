using System.Net.Security;
using System.Security.Authentication;
using Mailstrom.Delivery.Smtp;

namespace Mailstrom.Tests.Delivery.Smtp;

public sealed class TlsDescriptionTests
{
    [Fact]
    public void Describe_Plaintext_IsNull() =>
        Assert.Null(TlsDescription.Describe(false, SslProtocols.None, null));

    [Fact]
    public void Describe_Tls13_NamesProtocolAndCipherLikeMailLogs() =>
        Assert.Equal("TLSv1.3 TLS_AES_256_GCM_SHA384",
            TlsDescription.Describe(true, SslProtocols.Tls13, TlsCipherSuite.TLS_AES_256_GCM_SHA384));

    [Fact]
    public void Describe_Tls12WithoutKnownCipher_NamesProtocolOnly() =>
        Assert.Equal("TLSv1.2", TlsDescription.Describe(true, SslProtocols.Tls12, null));
}
