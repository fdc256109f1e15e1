using Mailstrom.Composition.Signing;
using Mailstrom.Testing.Dkim;
using MimeKit.Cryptography;

namespace Mailstrom.Tests.Composition.Signing;

public sealed class DkimKeyLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailstrom-dkim-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DkimKeyOptions Key(string pem, string algorithm = DkimAlgorithms.RsaSha256, string domain = "example.com", string selector = "s2026") => new()
    {
        Domain = domain, Selector = selector, Algorithm = algorithm, PrivateKey = pem,
    };

    private static string OnlyFailure(params DkimKeyOptions[] keys)
    {
        var load = DkimKeyLoader.Load(new DkimOptions { Keys = [.. keys] });
        return Assert.Single(load.Failures);
    }

    [Fact]
    public void Load_RsaAndEd25519KeysOfOneDomain_FromValueAndFile()
    {
        var path = Path.Combine(_directory, "ed.pem");
        File.WriteAllText(path, DkimTestKey.Ed25519Key.PrivateKeyPem);

        var load = DkimKeyLoader.Load(new DkimOptions
        {
            Keys =
            [
                Key(DkimTestKey.Rsa2048.PrivateKeyPem, domain: "Example.COM"),
                new DkimKeyOptions { Domain = "example.com", Selector = "ed", Algorithm = "ED25519-SHA256", PrivateKeyPath = path },
            ],
        });

        Assert.Empty(load.Failures);
        Assert.Equal(
            [("example.com", "s2026", DkimSignatureAlgorithm.RsaSha256), ("example.com", "ed", DkimSignatureAlgorithm.Ed25519Sha256)],
            load.Keys.Select(k => (k.Domain, k.Selector, k.Algorithm)));
    }

    [Fact]
    public void Load_InternationalisedDomain_SignsAsPunycode()
    {
        var load = DkimKeyLoader.Load(new DkimOptions { Keys = [Key(DkimTestKey.Rsa2048.PrivateKeyPem, domain: "bücher.example")] });

        Assert.Equal("xn--bcher-kva.example", Assert.Single(load.Keys).Domain);
    }

    [Fact]
    public void Load_PemWithEscapedLineBreaks_AsAnEnvironmentVariableMayHoldIt()
    {
        var escaped = DkimTestKey.Ed25519Key.PrivateKeyPem.Replace("\n", "\\n", StringComparison.Ordinal);

        Assert.Single(DkimKeyLoader.Load(new DkimOptions { Keys = [Key(escaped, DkimAlgorithms.Ed25519Sha256)] }).Keys);
    }

    [Fact]
    public void Load_Rsa1024_IsRefusedNamingTheKeyButNotItsMaterial()
    {
        var weak = DkimTestKey.Rsa(1024).PrivateKeyPem;

        var failure = OnlyFailure(Key(weak));

        Assert.Equal("Mailstrom:Dkim:Keys:0 (domain 'example.com', selector 's2026'): the RSA key has 1024 bits; rsa-sha256 needs at least 2048.", failure);
    }

    [Theory]
    [InlineData(DkimAlgorithms.RsaSha256, false, "not an RSA key")]
    [InlineData(DkimAlgorithms.Ed25519Sha256, true, "not an Ed25519 key")]
    public void Load_KeyOfTheOtherAlgorithm_IsRefused(string algorithm, bool rsaKey, string expected)
    {
        var pem = rsaKey ? DkimTestKey.Rsa2048.PrivateKeyPem : DkimTestKey.Ed25519Key.PrivateKeyPem;

        Assert.Contains(expected, OnlyFailure(Key(pem, algorithm)), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GarbageInsteadOfPem_IsRefusedWithoutQuotingIt()
    {
        const string secretLooking = "-----BEGIN PRIVATE KEY-----\nTOPSECRETnotbase64!!\n-----END PRIVATE KEY-----\n";

        var failure = OnlyFailure(Key(secretLooking));

        Assert.Contains("PrivateKey is not a readable unencrypted PEM private key", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PublicKeyInsteadOfPrivate_IsRefused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);

        Assert.Contains("holds a public key", OnlyFailure(Key(rsa.ExportSubjectPublicKeyInfoPem())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-----BEGIN PRIVATE KEY-----\nTOPSECRETkeymaterial\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\\nTOPSECRETkeymaterial\\n-----END PRIVATE KEY-----")]
    [InlineData("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCTOPSECRET\nkeymaterial")]
    public void Load_KeyMaterialInThePathSetting_IsRefusedWithoutQuotingIt(string pasted)
    {
        var failure = OnlyFailure(new DkimKeyOptions { Domain = "example.com", Selector = "s", PrivateKeyPath = pasted });

        Assert.Contains("PrivateKeyPath holds what looks like key material", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IsRefusedNamingThePath()
    {
        var path = Path.Combine(_directory, "absent.pem");

        var failure = OnlyFailure(new DkimKeyOptions { Domain = "example.com", Selector = "s", PrivateKeyPath = path });

        Assert.Contains($"PrivateKeyPath '{path}' does not exist", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "s", DkimAlgorithms.RsaSha256, true, false, "Domain must be")]
    [InlineData("localhost", "s", DkimAlgorithms.RsaSha256, true, false, "Domain must be")]
    [InlineData("example.com", "", DkimAlgorithms.RsaSha256, true, false, "Selector must be")]
    [InlineData("example.com", "bad_selector", DkimAlgorithms.RsaSha256, true, false, "Selector must be")]
    [InlineData("example.com", "s", "rsa-sha1", true, false, "Algorithm must be rsa-sha256 or ed25519-sha256")]
    [InlineData("example.com", "s", DkimAlgorithms.RsaSha256, false, false, "exactly one of PrivateKeyPath")]
    [InlineData("example.com", "s", DkimAlgorithms.RsaSha256, true, true, "exactly one of PrivateKeyPath")]
    public void Load_InvalidEntry_IsRefusedNamingTheSetting(string domain, string selector, string algorithm, bool value, bool path, string expected)
    {
        var entry = new DkimKeyOptions
        {
            Domain = domain,
            Selector = selector,
            Algorithm = algorithm,
            PrivateKey = value ? DkimTestKey.Rsa2048.PrivateKeyPem : null,
            PrivateKeyPath = path ? "/dev/null" : null,
        };

        var failure = OnlyFailure(entry);

        Assert.StartsWith("Mailstrom:Dkim:Keys:0 ", failure, StringComparison.Ordinal);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TwoKeysOfOneAlgorithmForADomain_RefusesTheSecond()
    {
        var failure = OnlyFailure(Key(DkimTestKey.Rsa2048.PrivateKeyPem), Key(DkimTestKey.Rsa2048.PrivateKeyPem, selector: "other"));

        Assert.StartsWith("Mailstrom:Dkim:Keys:1 (domain 'example.com', selector 'other')", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void SigningKey_ToString_NamesTheKeyWithoutItsMaterial()
    {
        var key = Assert.Single(DkimKeyLoader.Load(new DkimOptions { Keys = [Key(DkimTestKey.Rsa2048.PrivateKeyPem)] }).Keys);

        Assert.Equal("RsaSha256 key s2026._domainkey.example.com", key.ToString());
    }
}
