using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mailstrom.Delivery.Tls;

/// <summary>
/// Judges a server certificate for a host name: it must name the host, be within its validity period and chain to the
/// system's trust store or to one of the extra authorities of <see cref="MtaSts.MtaStsOptions.CaBundlePath"/>.
/// Revocation is not checked (as for every SMTP session). It only ever adds trust to the system's checks.
/// </summary>
internal sealed class CertificateTrust
{
    private readonly X509Certificate2Collection _extraAuthorities;

    private CertificateTrust(X509Certificate2Collection extraAuthorities) => _extraAuthorities = extraAuthorities;

    /// <summary>The system's trust store alone.</summary>
    public static CertificateTrust SystemOnly { get; } = new([]);

    /// <summary>The system's trust store plus the authorities in the PEM file at <paramref name="caBundlePath"/>, if any.</summary>
    /// <exception cref="InvalidOperationException">The file cannot be read or holds no certificate.</exception>
    public static CertificateTrust Load(string? caBundlePath)
    {
        if (string.IsNullOrWhiteSpace(caBundlePath))
        {
            return SystemOnly;
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caBundlePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"Mailstrom:MtaSts:CaBundlePath '{caBundlePath}' could not be read as PEM certificates: {ex.Message}", ex);
        }

        return authorities.Count == 0
            ? throw new InvalidOperationException($"Mailstrom:MtaSts:CaBundlePath '{caBundlePath}' holds no PEM certificate.")
            : new CertificateTrust(authorities);
    }

    /// <summary>Why the certificate is not valid for the host the TLS handshake named, or <see langword="null"/> when it is.</summary>
    /// <param name="certificate">The server's certificate.</param>
    /// <param name="chain">The chain the platform built.</param>
    /// <param name="errors">The platform's verdict against the system's trust store and the host name.</param>
    public string? Check(System.Security.Cryptography.X509Certificates.X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "no certificate was presented";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"its names do not include the host (subject {certificate.Subject})";
        }

        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        if (_extraAuthorities.Count == 0)
        {
            return Describe(chain?.ChainStatus);
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraAuthorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // As the platform's own chain for a TLS client: the certificate must be fit to authenticate a server.
        custom.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthentication));
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            return custom.Build(leaf) ? null : Describe(custom.ChainStatus);
        }
        finally
        {
            if (!ReferenceEquals(leaf, certificate))
            {
                leaf.Dispose();
            }
        }
    }

    /// <summary>The extended key usage of a TLS server certificate (RFC 5280 §4.2.1.12, id-kp-serverAuth).</summary>
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    private static string Describe(X509ChainStatus[]? status)
    {
        var problems = (status ?? []).Select(s => s.Status switch
        {
            X509ChainStatusFlags.NotTimeValid => "it has expired or is not yet valid",
            X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain => "it is not issued by a trusted authority",
            X509ChainStatusFlags.NotValidForUsage => "it is not meant to authenticate a TLS server (extended key usage)",
            var other => other.ToString(),
        }).Distinct().ToList();
        return problems.Count == 0 ? "its chain is not valid" : string.Join("; ", problems);
    }
}
