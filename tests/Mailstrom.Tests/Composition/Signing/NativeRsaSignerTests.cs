using System.Text;
using Mailstrom.Composition.Signing;
using Mailstrom.Testing.Dkim;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Mailstrom.Tests.Composition.Signing;

public sealed class NativeRsaSignerTests
{
    private static RsaPrivateCrtKeyParameters Key() => (RsaPrivateCrtKeyParameters)Assert.Single(DkimKeyLoader.Load(new DkimOptions
    {
        Keys = [DkimSigningTests.RsaKey()],
    }).Keys).PrivateKey;

    [Fact]
    public void GenerateSignature_IsTheSignatureBouncyCastlesRsaSha256Makes()
    {
        var key = Key();
        var data = Encoding.ASCII.GetBytes("from:Sender <news@signed.example.com>\r\nsubject:Hello\r\n");
        var managed = new RsaDigestSigner(new Sha256Digest());
        managed.Init(true, key);
        managed.BlockUpdate(data, 0, data.Length);
        var native = new NativeRsaSigner(new NativeRsaKey(key));
        native.BlockUpdate(data.AsSpan(0, 10));
        native.BlockUpdate(data, 10, data.Length - 10);

        Assert.Equal(managed.GenerateSignature(), native.GenerateSignature());
        Assert.Equal(256, native.GetMaxSignatureSize());
    }

    [Fact]
    public async Task Compose_ConcurrentlyOnOneComposer_EverySignatureVerifies()
    {
        var composer = DkimSigningTests.Composer(false, DkimSigningTests.RsaKey());
        var dns = new DkimCheck().Publish("signed.example.com", "rsa", DkimTestKey.Rsa2048.TxtRecord);

        var emails = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            composer.Compose(new Model.EmailRequest { From = "news@signed.example.com", To = ["r@example.org"], Text = $"Message {i}" }, $"id{i}"))));

        Assert.All(emails, e => Assert.True(Assert.Single(DkimCheck.Verify(dns, e.Content)).Valid));
    }
}
