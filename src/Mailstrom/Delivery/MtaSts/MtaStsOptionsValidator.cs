using Mailstrom.Delivery.Tls;
using Microsoft.Extensions.Options;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>Start-up check of <see cref="MtaStsOptions.CaBundlePath"/>: the file must be readable PEM with a certificate.</summary>
internal sealed class MtaStsOptionsValidator : IValidateOptions<MailstromOptions>
{
    public ValidateOptionsResult Validate(string? name, MailstromOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            CertificateTrust.Load(options.MtaSts.CaBundlePath);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message + " Give the path of a PEM file of CA certificates, or remove the setting.");
        }
    }
}
