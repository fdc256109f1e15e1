using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mailstrom.Tests.Delivery.MtaSts.PolicyHosts;

/// <summary>
/// A certificate authority made in memory for one test class: its certificate is written to a PEM bundle
/// (<see cref="BundlePath"/>, for <c>Mailstrom:MtaSts:CaBundlePath</c>), and it issues server certificates for a name.
/// </summary>
internal sealed class TestAuthority : IDisposable
{
    private readonly X509Certificate2 _certificate;

    /// <summary>Makes a self-signed authority named <paramref name="name"/> and writes its PEM bundle.</summary>
    public TestAuthority(string name = "Mailstrom Test CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        BundlePath = Path.Combine(Path.GetTempPath(), $"mailstrom-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(BundlePath, _certificate.ExportCertificatePem());
    }

    /// <summary>The PEM file holding this authority's certificate.</summary>
    public string BundlePath { get; }

    /// <summary>A server certificate (with its private key) for <paramref name="dnsName"/>, valid from yesterday for a year.</summary>
    public X509Certificate2 Issue(string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(_certificate, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddYears(1), Guid.NewGuid().ToByteArray());
        using var withKey = issued.CopyWithPrivateKey(key);
        // Through PKCS#12 so that the TLS server gets a key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        File.Delete(BundlePath);
    }
}
