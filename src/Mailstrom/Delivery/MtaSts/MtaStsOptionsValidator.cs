using Mailstrom.Delivery.Tls;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>
/// The start-up check of <see cref="MtaStsOptions.CaBundlePath"/> (the file must be readable PEM with a certificate),
/// run by <see cref="DeliveryOptionsValidator"/>; the ranges are data annotations on <see cref="MtaStsOptions"/>.
/// </summary>
internal static class MtaStsOptionsValidator
{
    internal static IEnumerable<string> Check(MtaStsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? failure = null;
        try
        {
            CertificateTrust.Load(options.CaBundlePath);
        }
        catch (InvalidOperationException ex)
        {
            failure = ex.Message + " Give the path of a PEM file of CA certificates, or remove the setting.";
        }

        if (failure is not null)
        {
            yield return failure;
        }
    }
}
