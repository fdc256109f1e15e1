using System.Text.RegularExpressions;
using Mailstrom.Testing.Rig;
using MimeKit;

namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The rig's DKIM side: the signing domain and its keys (published in dnsmasq, one not), and the verdicts the OpenDKIM
/// milter in front of Postfix writes into what it delivers (<c>Authentication-Results: mx.postfix.mailstrom.test; dkim=...</c>).
/// </summary>
public static partial class RigDkim
{
    /// <summary>The authserv-id of the rig's verifier.</summary>
    public const string AuthServId = "mx.postfix.mailstrom.test";

    private static RigEnvironment Rig => MailstromLab.Rig;

    /// <summary>The domain whose keys are published: the From domain of signed mail.</summary>
    public static string Domain => Rig.Get("DKIM_DOMAIN");

    /// <summary>The published RSA key's selector.</summary>
    public static string RsaSelector => Rig.Get("DKIM_RSA_SELECTOR");

    /// <summary>The published Ed25519 key's selector.</summary>
    public static string Ed25519Selector => Rig.Get("DKIM_ED25519_SELECTOR");

    /// <summary>The domain of the Postfix listener that does not announce 8BITMIME.</summary>
    public static string No8BitDomain => Rig.Get("NO8BIT_DOMAIN");

    /// <summary>Settings for the keys named (<c>rsa</c>, <c>ed25519</c>, <c>unpublished</c>: a valid RSA key signing as the rsa selector).</summary>
    public static Dictionary<string, string?> Settings(bool requireDkim, params string[] keys)
    {
        var settings = new Dictionary<string, string?> { ["Mailstrom:Dkim:RequireDkim"] = requireDkim ? "true" : "false" };
        for (var i = 0; i < keys.Length; i++)
        {
            var (selector, algorithm, path) = keys[i] switch
            {
                "rsa" => (RsaSelector, "rsa-sha256", Rig.Get("DKIM_RSA_KEY")),
                "ed25519" => (Ed25519Selector, "ed25519-sha256", Rig.Get("DKIM_ED25519_KEY")),
                "unpublished" => (RsaSelector, "rsa-sha256", Rig.Get("DKIM_UNPUBLISHED_RSA_KEY")),
                var other => throw new ArgumentOutOfRangeException(nameof(keys), other, "rsa, ed25519 or unpublished"),
            };
            settings[$"Mailstrom:Dkim:Keys:{i}:Domain"] = Domain;
            settings[$"Mailstrom:Dkim:Keys:{i}:Selector"] = selector;
            settings[$"Mailstrom:Dkim:Keys:{i}:Algorithm"] = algorithm;
            settings[$"Mailstrom:Dkim:Keys:{i}:PrivateKeyPath"] = path;
        }

        return settings;
    }

    /// <summary>The DKIM verdicts the rig's verifier wrote into a delivered message, one per signature.</summary>
    public static IReadOnlyList<DkimResult> Results(MimeMessage delivered) => delivered.Headers
        .Where(h => h.Id == HeaderId.AuthenticationResults && h.Value.TrimStart().StartsWith(AuthServId + ";", StringComparison.Ordinal))
        .SelectMany(h => Result().Matches(Unquoted().Replace(h.Value, " ")).Select(m => new DkimResult(
            m.Groups["result"].Value, Tag(m.Value, "header.d"), Tag(m.Value, "header.a"), Tag(m.Value, "header.s"))))
        .ToList();

    private static string? Tag(string result, string name) =>
        Regex.Match(result, $@"{Regex.Escape(name)}=([^\s;]+)") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"dkim=(?<result>[a-z]+)[^;]*")]
    private static partial Regex Result();

    // Comments such as "(2048-bit key; unprotected)" and quoted reasons may hold semicolons (RFC 8601 §2.2).
    [GeneratedRegex(@"\([^)]*\)|""[^""]*""")]
    private static partial Regex Unquoted();
}

/// <summary>One <c>dkim=</c> result of an Authentication-Results field.</summary>
public sealed record DkimResult(string Result, string? Domain, string? Algorithm, string? Selector);
