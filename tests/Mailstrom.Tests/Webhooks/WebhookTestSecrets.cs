namespace Mailstrom.Tests.Webhooks;

/// <summary>Signing secrets for tests, in the Standard Webhooks form.</summary>
internal static class WebhookTestSecrets
{
    /// <summary>A secret of 32 bytes.</summary>
    public static readonly string Current = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>Another secret of 32 bytes, the one being rotated out.</summary>
    public static readonly string Previous = "whsec_" + Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
}
