using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.RegularExpressions;
using Mailstrom.Delivery.Routing;
using Mailstrom.Webhooks.Signing;
using Microsoft.Extensions.Options;

namespace Mailstrom.Webhooks;

/// <summary>
/// Validates <see cref="MailstromOptions.Webhooks"/> at start-up, each failure naming the key to fix: endpoint names, absolute
/// <c>https</c> URLs (unless <c>AllowHttp</c>), no literal non-public address (unless <c>AllowPrivateDestinations</c>),
/// well-formed secrets (never quoted back) and known event types.
/// </summary>
internal sealed partial class WebhookOptionsValidator : IValidateOptions<MailstromOptions>
{
    public ValidateOptionsResult Validate(string? name, MailstromOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options.Webhooks).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem of <paramref name="options"/>, each naming its key.</summary>
    internal static IEnumerable<string> Check(WebhookOptions options)
    {
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{string.Join(", ", r.MemberNames.Select(m => $"{WebhookOptions.SectionName}:{m}"))}: {r.ErrorMessage}"));
        }

        if (options.InitialRetryDelay > options.MaxRetryDelay)
        {
            failures.Add($"{WebhookOptions.SectionName}:InitialRetryDelay ({options.InitialRetryDelay}) must not exceed " +
                $"{WebhookOptions.SectionName}:MaxRetryDelay ({options.MaxRetryDelay}).");
        }

        foreach (var (endpointName, endpoint) in options.Endpoints)
        {
            failures.AddRange(CheckEndpoint(endpointName, endpoint, options));
        }

        return failures;
    }

    private static IEnumerable<string> CheckEndpoint(string name, WebhookEndpointOptions? endpoint, WebhookOptions options)
    {
        var key = $"{WebhookOptions.SectionName}:Endpoints:{name}";
        if (!EndpointName().IsMatch(name))
        {
            yield return $"{key}: an endpoint name is 1 to 64 letters, digits, '-' and '_'.";
        }

        if (endpoint is null)
        {
            yield return $"{key} has no settings: give it a Url and a Secret.";
            yield break;
        }

        if (UrlProblem(endpoint.Url, options) is { } problem)
        {
            yield return $"{key}:Url {problem}";
        }

        if (!WebhookSecrets.TryParse(endpoint.Secret, out _, out var error))
        {
            yield return $"{key}:Secret {error}.";
        }

        for (var i = 0; i < endpoint.Events.Count; i++)
        {
            if (!WebhookEventTypes.IsKnown(endpoint.Events[i]))
            {
                yield return $"{key}:Events:{i} ('{endpoint.Events[i]}') is not an event type; valid types: {string.Join(", ", WebhookEventTypes.All)}.";
            }
        }
    }

    private static string? UrlProblem(string? url, WebhookOptions options)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "is required: the absolute https URL events are POSTed to.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return $"('{url}') is not an absolute http(s) URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials; the signature authenticates Mailstrom to the receiver.";
        }

        if (uri.Scheme == "http" && !options.AllowHttp)
        {
            return $"('{url}') is not https: webhooks are sent over https only unless {WebhookOptions.SectionName}:AllowHttp is true.";
        }

        if (!options.AllowPrivateDestinations && IPAddress.TryParse(uri.IdnHost, out var address) && !DestinationPolicy.IsPublic(address))
        {
            return $"('{url}') is a non-public address; set {WebhookOptions.SectionName}:AllowPrivateDestinations to true for tests and labs.";
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex EndpointName();
}
