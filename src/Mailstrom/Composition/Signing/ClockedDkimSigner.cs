using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace Mailstrom.Composition.Signing;

/// <summary>
/// MimeKit's DKIM signer with its signature time (<c>t=</c>) read from a <see cref="TimeProvider"/>, and RSA signatures
/// made by the platform's cryptography (<see cref="NativeRsaSigner"/>).
/// </summary>
internal sealed class ClockedDkimSigner : DkimSigner
{
    private readonly TimeProvider _timeProvider;
    private readonly NativeRsaKey? _rsa;

    public ClockedDkimSigner(DkimSigningKey key, TimeProvider timeProvider)
        : base(key.PrivateKey, key.Domain, key.Selector, key.Algorithm)
    {
        _timeProvider = timeProvider;
        _rsa = key.PrivateKey is RsaPrivateCrtKeyParameters rsa ? new NativeRsaKey(rsa) : null;
        HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
    }

    protected override long GetTimestamp() => _timeProvider.GetUtcNow().ToUnixTimeSeconds();

    protected override ISigner CreateSigningContext() => _rsa is null ? base.CreateSigningContext() : new NativeRsaSigner(_rsa);
}
