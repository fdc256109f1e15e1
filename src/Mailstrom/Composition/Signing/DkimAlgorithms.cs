namespace Mailstrom.Composition.Signing;

/// <summary>The DKIM signing algorithms Mailstrom signs with, as written in <see cref="DkimKeyOptions.Algorithm"/> and in <c>a=</c>.</summary>
public static class DkimAlgorithms
{
    /// <summary>RSA with SHA-256 (RFC 6376); keys of at least <see cref="MinRsaKeyBits"/> bits.</summary>
    public const string RsaSha256 = "rsa-sha256";

    /// <summary>Ed25519 with SHA-256 (RFC 8463).</summary>
    public const string Ed25519Sha256 = "ed25519-sha256";

    /// <summary>The smallest RSA key accepted, in bits (RFC 8301 requires 1024; 2048 is today's norm).</summary>
    public const int MinRsaKeyBits = 2048;
}
