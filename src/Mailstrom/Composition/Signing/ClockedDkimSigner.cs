using MimeKit.Cryptography;

namespace Mailstrom.Composition.Signing;

/// <summary>MimeKit's DKIM signer with its signature time (<c>t=</c>) read from a <see cref="TimeProvider"/>.</summary>
internal sealed class ClockedDkimSigner : DkimSigner
{
    private readonly TimeProvider _timeProvider;

    public ClockedDkimSigner(DkimSigningKey key, TimeProvider timeProvider)
        : base(key.PrivateKey, key.Domain, key.Selector, key.Algorithm)
    {
        _timeProvider = timeProvider;
        HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
    }

    protected override long GetTimestamp() => _timeProvider.GetUtcNow().ToUnixTimeSeconds();
}
