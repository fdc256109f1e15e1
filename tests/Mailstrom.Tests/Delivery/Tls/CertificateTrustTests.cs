using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Mailstrom.Delivery.Tls;

namespace Mailstrom.Tests.Delivery.Tls;

/// <summary>Certificates made here: a private CA, a leaf it issued, an expired leaf, and a leaf it did not issue.</summary>
public sealed class CertificateTrustTests : IDisposable
{
    private readonly string _bundle = Path.Combine(Path.GetTempPath(), $"mailstrom-ca-{Guid.NewGuid():N}.pem");
    private readonly X509Certificate2 _ca;

    public CertificateTrustTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Mailstrom Test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(_bundle, _ca.ExportCertificatePem());
    }

    [Fact]
    public void Check_LeafIssuedByTheBundle_IsValid()
    {
        using var leaf = Leaf(_ca, DateTimeOffset.UtcNow.AddYears(1));

        Assert.Null(CertificateTrust.Load(_bundle).Check(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Check_LeafOfTheBundleMeantOnlyForClients_IsNotValid()
    {
        using var leaf = Leaf(_ca, DateTimeOffset.UtcNow.AddYears(1), usage: "1.3.6.1.5.5.7.3.2");

        Assert.Equal("it is not meant to authenticate a TLS server (extended key usage)",
            CertificateTrust.Load(_bundle).Check(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Check_LeafOfTheBundleMeantForServers_IsValid()
    {
        using var leaf = Leaf(_ca, DateTimeOffset.UtcNow.AddYears(1), usage: "1.3.6.1.5.5.7.3.1");

        Assert.Null(CertificateTrust.Load(_bundle).Check(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Check_WithoutTheBundle_IsNotTrusted()
    {
        using var leaf = Leaf(_ca, DateTimeOffset.UtcNow.AddYears(1));

        Assert.Equal("it is not issued by a trusted authority",
            CertificateTrust.SystemOnly.Check(leaf, Chain(leaf), SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Check_ExpiredLeafOfTheBundle_SaysItExpired()
    {
        var expired = Leaf(_ca, DateTimeOffset.UtcNow.AddMinutes(-5), notBefore: DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Contains("expired", CertificateTrust.Load(_bundle).Check(expired, null, SslPolicyErrors.RemoteCertificateChainErrors));
        expired.Dispose();
    }

    [Fact]
    public void Check_LeafOfAnotherAuthority_IsNotTrustedEvenWithTheBundle()
    {
        using var otherKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=Other CA", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var other = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var leaf = Leaf(other, DateTimeOffset.UtcNow.AddYears(1));

        Assert.Equal("it is not issued by a trusted authority",
            CertificateTrust.Load(_bundle).Check(leaf, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Check_NameMismatch_IsNeverValid_WhateverTheBundle()
    {
        using var leaf = Leaf(_ca, DateTimeOffset.UtcNow.AddYears(1));

        var problem = CertificateTrust.Load(_bundle).Check(leaf, null, SslPolicyErrors.RemoteCertificateNameMismatch);

        Assert.Equal("its names do not include the host (subject CN=mx.d.test)", problem);
    }

    [Fact]
    public void Check_NoCertificate_IsNotValid() =>
        Assert.Equal("no certificate was presented", CertificateTrust.SystemOnly.Check(null, null, SslPolicyErrors.RemoteCertificateNotAvailable));

    [Fact]
    public void Load_FileWithoutCertificates_ThrowsNamingTheSetting()
    {
        File.WriteAllText(_bundle, "not a certificate");

        var ex = Assert.Throws<InvalidOperationException>(() => CertificateTrust.Load(_bundle));

        Assert.Contains("Mailstrom:MtaSts:CaBundlePath", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _ca.Dispose();
        File.Delete(_bundle);
    }

    private static X509Certificate2 Leaf(X509Certificate2 issuer, DateTimeOffset notAfter, DateTimeOffset? notBefore = null, string? usage = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mx.d.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("mx.d.test");
        request.CertificateExtensions.Add(names.Build());
        if (usage is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], critical: false));
        }

        return request.Create(issuer, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter, Guid.NewGuid().ToByteArray());
    }

    private static X509Chain Chain(X509Certificate2 leaf)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(leaf);
        return chain;
    }
}
