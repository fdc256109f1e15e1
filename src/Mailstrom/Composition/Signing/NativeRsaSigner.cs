using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Mailstrom.Composition.Signing;

/// <summary>
/// RSASSA-PKCS1-v1_5 with SHA-256 (the <c>rsa-sha256</c> signature primitive, RFC 6376 §3.3.1) by the platform's
/// cryptography (OpenSSL on Linux), in the signer shape MimeKit's DKIM signer feeds: BouncyCastle's managed RSA takes
/// about twenty times longer per signature. MimeKit still canonicalises and hashes; this only signs the digest. One
/// instance serves one signature.
/// </summary>
internal sealed class NativeRsaSigner : ISigner
{
    private readonly NativeRsaKey _key;
    private IncrementalHash? _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public NativeRsaSigner(NativeRsaKey key) => _key = key;

    public string AlgorithmName => "SHA-256withRSA";

    public void Init(bool forSigning, ICipherParameters parameters)
    {
        if (!forSigning)
        {
            throw new NotSupportedException("This signer only signs.");
        }
    }

    public void Update(byte input) => BlockUpdate([input]);

    public void BlockUpdate(byte[] input, int inOff, int inLen) => BlockUpdate(input.AsSpan(inOff, inLen));

    public void BlockUpdate(ReadOnlySpan<byte> input) => Hash.AppendData(input);

    public int GetMaxSignatureSize() => _key.SignatureSize;

    public byte[] GenerateSignature()
    {
        var hash = Hash;
        var digest = hash.GetHashAndReset();
        hash.Dispose();
        _hash = null;
        return _key.SignHash(digest);
    }

    public bool VerifySignature(byte[] signature) => throw new NotSupportedException("This signer only signs.");

    public void Reset() => Hash.GetHashAndReset();

    private IncrementalHash Hash => _hash ?? throw new InvalidOperationException("The signature was already generated.");
}

/// <summary>
/// An RSA private key held by the platform's cryptography, shared by concurrent signatures through a small pool of
/// key objects (a platform key object is not documented as safe for concurrent use).
/// </summary>
internal sealed class NativeRsaKey
{
    private readonly RSAParameters _parameters;
    private readonly ConcurrentBag<RSA> _pool = [];

    public NativeRsaKey(RsaPrivateCrtKeyParameters key)
    {
        _parameters = DotNetUtilities.ToRSAParameters(key);
        SignatureSize = (key.Modulus.BitLength + 7) / 8;
    }

    public int SignatureSize { get; }

    public byte[] SignHash(byte[] digest)
    {
        if (!_pool.TryTake(out var rsa))
        {
            rsa = RSA.Create(_parameters);
        }

        try
        {
            return rsa.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        finally
        {
            // Bounded by the number of signatures in flight at once.
            _pool.Add(rsa);
        }
    }
}
