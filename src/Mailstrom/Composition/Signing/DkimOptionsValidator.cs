using Microsoft.Extensions.Options;

namespace Mailstrom.Composition.Signing;

/// <summary>
/// Validates <see cref="MailstromOptions.Dkim"/> at start-up by loading every key (<see cref="DkimKeyLoader"/>): each
/// failure names the key's configuration key, domain and selector, never its material.
/// </summary>
internal sealed class DkimOptionsValidator : IValidateOptions<MailstromOptions>
{
    public ValidateOptionsResult Validate(string? name, MailstromOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = DkimKeyLoader.Load(options.Dkim).Failures;
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
