using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;

namespace Mailstrom.Composition.Signing;

/// <summary>
/// Loads and checks the keys of <see cref="DkimOptions"/>: a domain that is a host name, a selector, a known algorithm,
/// exactly one key source, an unencrypted PEM private key of the algorithm's type, RSA of at least
/// <see cref="DkimAlgorithms.MinRsaKeyBits"/> bits, and no domain with two keys of one algorithm. Each failure names the
/// key by its configuration key, domain and selector; none quotes the key or the reader's own message about it.
/// </summary>
internal static partial class DkimKeyLoader
{
    /// <summary>The largest PEM accepted, in characters: an 8192-bit RSA key is about 6,500.</summary>
    public const int MaxPemLength = 64 * 1024;

    /// <summary>Loads every key of <paramref name="options"/>.</summary>
    /// <param name="options">The DKIM settings.</param>
    /// <returns>The usable keys, and one message per problem (the keys are only to be used when there is none).</returns>
    public static DkimKeyLoad Load(DkimOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new List<DkimSigningKey>();
        var failures = new List<string>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var entry = options.Keys[i];
            var name = string.Create(CultureInfo.InvariantCulture, $"{DkimOptions.SectionName}:Keys:{i}");
            if (entry is null)
            {
                failures.Add($"{name}: the key entry is empty.");
                continue;
            }

            var problem = TryLoad(entry, out var key);
            if (problem is not null)
            {
                failures.Add($"{name} (domain '{entry.Domain}', selector '{entry.Selector}'): {problem}");
            }
            else if (keys.Any(k => k.Domain == key!.Domain && k.Algorithm == key.Algorithm))
            {
                failures.Add($"{name} (domain '{entry.Domain}', selector '{entry.Selector}'): the domain already has a " +
                    $"{entry.Algorithm} key; give each domain at most one key per algorithm.");
            }
            else
            {
                keys.Add(key!);
            }
        }

        return new DkimKeyLoad(keys, failures);
    }

    private static string? TryLoad(DkimKeyOptions entry, out DkimSigningKey? key)
    {
        key = null;
        var domain = string.Empty;
        var domainProblem = string.IsNullOrWhiteSpace(entry.Domain)
            ? "it is empty"
            : HostNameRules.TryNormalize(entry.Domain.Trim(), out domain);
        if (domainProblem is not null)
        {
            return $"Domain must be a fully qualified domain name such as example.com ({domainProblem}).";
        }

        if (string.IsNullOrWhiteSpace(entry.Selector) || !Selector().IsMatch(entry.Selector))
        {
            return "Selector must be one or more DNS labels (letters, digits, hyphens, separated by dots), such as mail2026.";
        }

        DkimSignatureAlgorithm algorithm;
        switch (entry.Algorithm?.Trim().ToLowerInvariant())
        {
            case DkimAlgorithms.RsaSha256:
                algorithm = DkimSignatureAlgorithm.RsaSha256;
                break;
            case DkimAlgorithms.Ed25519Sha256:
                algorithm = DkimSignatureAlgorithm.Ed25519Sha256;
                break;
            default:
                return $"Algorithm must be {DkimAlgorithms.RsaSha256} or {DkimAlgorithms.Ed25519Sha256}.";
        }

        var hasPath = !string.IsNullOrWhiteSpace(entry.PrivateKeyPath);
        var hasValue = !string.IsNullOrWhiteSpace(entry.PrivateKey);
        if (hasPath == hasValue)
        {
            return "set exactly one of PrivateKeyPath (a PEM file) and PrivateKey (PEM text).";
        }

        string? pem = entry.PrivateKey;
        if (hasPath && ReadFile(entry.PrivateKeyPath!.Trim(), out pem) is { } fileProblem)
        {
            return fileProblem;
        }

        var problem = TryReadPrivateKey(pem!, hasPath ? "the PrivateKeyPath file" : "PrivateKey", out var parameters);
        problem ??= CheckType(parameters!, algorithm);
        if (problem is not null)
        {
            return problem;
        }

        key = new DkimSigningKey(domain, entry.Selector.Trim().ToLowerInvariant(), algorithm, parameters!);
        return null;
    }

    private static string? ReadFile(string path, out string? pem)
    {
        pem = null;
        if (LooksLikeKeyMaterial(path))
        {
            // A PEM key pasted into the path setting: never echo it.
            return "PrivateKeyPath holds what looks like key material, not a file path; put PEM text in PrivateKey instead.";
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return $"PrivateKeyPath '{path}' does not exist.";
            }

            if (info.Length > MaxPemLength)
            {
                return $"PrivateKeyPath '{path}' is larger than {MaxPemLength} bytes; it is not a PEM private key.";
            }

            pem = File.ReadAllText(path);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The exception's type only: say what the operator needs, and nothing read from the file.
            return $"PrivateKeyPath '{path}' cannot be read ({ex.GetType().Name}).";
        }
    }

    /// <summary>Whether a path setting holds PEM text or another multi-line secret rather than a path.</summary>
    private static bool LooksLikeKeyMaterial(string path) =>
        path.Contains("-----", StringComparison.Ordinal) || path.Contains("PRIVATE KEY", StringComparison.OrdinalIgnoreCase)
        || path.Contains('\n', StringComparison.Ordinal) || path.Contains('\r', StringComparison.Ordinal)
        || path.Contains("\\n", StringComparison.Ordinal);

    private static string? TryReadPrivateKey(string pem, string source, out AsymmetricKeyParameter? key)
    {
        key = null;
        if (pem.Length > MaxPemLength)
        {
            return $"{source} is longer than {MaxPemLength} characters; it is not a PEM private key.";
        }

        object? read;
        try
        {
            using var reader = new PemReader(new StringReader(pem.Replace("\\n", "\n", StringComparison.Ordinal)));
            read = reader.ReadObject();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never the reader's message: it may quote the text it could not parse.
            return $"{source} is not a readable unencrypted PEM private key ({ex.GetType().Name}); " +
                "expected -----BEGIN PRIVATE KEY----- (PKCS#8) or -----BEGIN RSA PRIVATE KEY-----.";
        }

        key = read switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter parameter => parameter,
            _ => null,
        };
        if (key is null)
        {
            return $"{source} holds no PEM private key; expected -----BEGIN PRIVATE KEY----- (PKCS#8) or -----BEGIN RSA PRIVATE KEY-----.";
        }

        return key.IsPrivate ? null : $"{source} holds a public key; give the private key (publish the public one in DNS).";
    }

    private static string? CheckType(AsymmetricKeyParameter key, DkimSignatureAlgorithm algorithm) => (algorithm, key) switch
    {
        (DkimSignatureAlgorithm.RsaSha256, RsaKeyParameters rsa) when rsa.Modulus.BitLength < DkimAlgorithms.MinRsaKeyBits =>
            string.Create(CultureInfo.InvariantCulture,
                $"the RSA key has {rsa.Modulus.BitLength} bits; {DkimAlgorithms.RsaSha256} needs at least {DkimAlgorithms.MinRsaKeyBits}."),
        (DkimSignatureAlgorithm.RsaSha256, RsaKeyParameters) => null,
        (DkimSignatureAlgorithm.Ed25519Sha256, Ed25519PrivateKeyParameters) => null,
        (DkimSignatureAlgorithm.RsaSha256, _) => $"the key is not an RSA key, as Algorithm {DkimAlgorithms.RsaSha256} needs.",
        _ => $"the key is not an Ed25519 key, as Algorithm {DkimAlgorithms.Ed25519Sha256} needs.",
    };

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex Selector();
}

/// <summary>A usable DKIM key.</summary>
/// <param name="Domain">The signing domain, lower-case ASCII (punycode).</param>
/// <param name="Selector">The selector, lower case.</param>
/// <param name="Algorithm">The signing algorithm.</param>
/// <param name="PrivateKey">The private key.</param>
internal sealed record DkimSigningKey(string Domain, string Selector, DkimSignatureAlgorithm Algorithm, AsymmetricKeyParameter PrivateKey)
{
    /// <summary>The key's description for messages: never its material.</summary>
    public override string ToString() => $"{Algorithm} key {Selector}._domainkey.{Domain}";
}

/// <summary>The outcome of <see cref="DkimKeyLoader.Load"/>.</summary>
/// <param name="Keys">The usable keys.</param>
/// <param name="Failures">One message per unusable key; empty when every key is usable.</param>
internal sealed record DkimKeyLoad(IReadOnlyList<DkimSigningKey> Keys, IReadOnlyList<string> Failures);
