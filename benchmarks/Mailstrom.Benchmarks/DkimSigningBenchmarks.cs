using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Mailstrom.Composition;
using Mailstrom.Composition.Signing;
using Mailstrom.Model;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Mailstrom.Benchmarks;

/// <summary>
/// The cost of DKIM signing at composition: composing the benchmark's 2 KB single-recipient email with no key, an
/// rsa-sha256 key (2048 bits), an ed25519-sha256 key, or both (two signatures).
/// </summary>
public class DkimSigningBenchmarks
{
    private const string Domain = "sender.example.com";
    private EmailComposer _composer = null!;
    private EmailRequest _request = null!;

    [Params("none", "rsa-2048", "ed25519", "both")]
    public string Keys { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        var keys = new List<DkimKeyOptions>();
        if (Keys is "rsa-2048" or "both")
        {
            using var rsa = RSA.Create(2048);
            keys.Add(new DkimKeyOptions { Domain = Domain, Selector = "rsa", Algorithm = DkimAlgorithms.RsaSha256, PrivateKey = rsa.ExportPkcs8PrivateKeyPem() });
        }

        if (Keys is "ed25519" or "both")
        {
            keys.Add(new DkimKeyOptions { Domain = Domain, Selector = "ed", Algorithm = DkimAlgorithms.Ed25519Sha256, PrivateKey = Ed25519Pem() });
        }

        _composer = new EmailComposer(
            Options.Create(new MailstromOptions { HeloName = "mail.example.net", Dkim = new DkimOptions { Keys = keys } }), TimeProvider.System);
        _request = BenchmarkData.Request(1);
    }

    [Benchmark]
    public ComposedEmail Compose() => _composer.Compose(_request, "0123456789abcdef0123456789abcdef");

    private static string Ed25519Pem()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var info = PrivateKeyInfoFactory.CreatePrivateKeyInfo(generator.GenerateKeyPair().Private).GetEncoded();
        return "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String(info) + "\n-----END PRIVATE KEY-----\n";
    }
}
