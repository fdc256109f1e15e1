using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Mailstrom.Testing.Dkim;

/// <summary>
/// Freshly generated DKIM key pairs for tests: the private key as PEM (PKCS#8, as <c>openssl genpkey</c> writes it) and
/// the DNS TXT record that publishes the public key, built as the README tells operators to build it.
/// </summary>
public sealed record DkimTestKey(string PrivateKeyPem, string TxtRecord)
{
    private static readonly Lazy<DkimTestKey> _rsa2048 = new(() => Rsa(2048));
    private static readonly Lazy<DkimTestKey> _ed25519 = new(Ed25519);

    /// <summary>One 2048-bit RSA key shared by a test run (generating one takes a moment).</summary>
    public static DkimTestKey Rsa2048 => _rsa2048.Value;

    /// <summary>One Ed25519 key shared by a test run.</summary>
    public static DkimTestKey Ed25519Key => _ed25519.Value;

    /// <summary>A new RSA key of <paramref name="bits"/> bits: TXT <c>v=DKIM1; k=rsa; p=</c> base64 of the SubjectPublicKeyInfo.</summary>
    public static DkimTestKey Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return new DkimTestKey(rsa.ExportPkcs8PrivateKeyPem(), "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>A new Ed25519 key: TXT <c>v=DKIM1; k=ed25519; p=</c> base64 of the raw 32-byte public key (RFC 8463 §4.2).</summary>
    public static DkimTestKey Ed25519()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var info = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetEncoded();
        var pem = "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(info, Base64FormattingOptions.InsertLineBreaks) + "\n-----END PRIVATE KEY-----\n";
        var publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        return new DkimTestKey(pem, "v=DKIM1; k=ed25519; p=" + Convert.ToBase64String(publicKey));
    }
}
