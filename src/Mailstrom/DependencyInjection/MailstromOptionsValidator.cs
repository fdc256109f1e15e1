using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Mailstrom.DependencyInjection;

/// <summary>
/// Validates <see cref="MailstromOptions"/> at start-up: data annotations on every nested settings object, plus the
/// rules that span fields, each failure naming the configuration key to fix.
/// </summary>
internal sealed class MailstromOptionsValidator : IValidateOptions<MailstromOptions>
{
    public ValidateOptionsResult Validate(string? name, MailstromOptions options)
    {
        var failures = new List<string>();
        Annotate(options, MailstromOptions.SectionName, failures);
        Annotate(options.Limits, "Mailstrom:Limits", failures);
        Annotate(options.Delivery, "Mailstrom:Delivery", failures);
        Annotate(options.Delivery.Relay, "Mailstrom:Delivery:Relay", failures);
        Annotate(options.Dns, "Mailstrom:Dns", failures);
        Annotate(options.MtaSts, "Mailstrom:MtaSts", failures);
        Annotate(options.Retry, "Mailstrom:Retry", failures);

        if (options.Retry.InitialDelay > options.Retry.MaxDelay)
        {
            failures.Add(
                $"Mailstrom:Retry:InitialDelay ({options.Retry.InitialDelay}) must not exceed Mailstrom:Retry:MaxDelay ({options.Retry.MaxDelay}).");
        }

        if (options.Delivery.AttemptTimeout >= options.Delivery.LeaseDuration)
        {
            failures.Add(
                $"Mailstrom:Delivery:AttemptTimeout ({options.Delivery.AttemptTimeout}) must be shorter than Mailstrom:Delivery:LeaseDuration " +
                $"({options.Delivery.LeaseDuration}), or another worker could take a recipient while its attempt still runs.");
        }

        if (options.Delivery.MaxConcurrencyPerDomain > options.Delivery.MaxConcurrency)
        {
            failures.Add(
                $"Mailstrom:Delivery:MaxConcurrencyPerDomain ({options.Delivery.MaxConcurrencyPerDomain}) must not exceed " +
                $"Mailstrom:Delivery:MaxConcurrency ({options.Delivery.MaxConcurrency}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Annotate(object target, string section, List<string> failures)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true))
        {
            return;
        }

        foreach (var result in results)
        {
            var members = string.Join(", ", result.MemberNames.Select(m => $"{section}:{m}"));
            failures.Add($"{members}: {result.ErrorMessage}");
        }
    }
}
