using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Functions.Emails;

/// <summary>Builds Durable Functions' management URLs of an instance, for the body of <c>POST api/emails</c>.</summary>
internal static class DurableManagementLinks
{
    /// <summary>The Durable extension's webhook path on the Functions host.</summary>
    public const string WebhookPath = "/runtime/webhooks/durabletask";

    /// <summary>
    /// The management URLs of <paramref name="instanceId"/>. The client the <c>[DurableClient]</c> binding hands to a
    /// function knows the host's webhook base URL and the query string with the task hub, connection and system key, and
    /// the Durable extension builds the URLs from them (not from the request). Any other client (one not bound by the host)
    /// knows neither; the same URLs are then built on <paramref name="baseUrl"/>, without a key.
    /// </summary>
    /// <param name="client">The client the host bound to the invocation.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="baseUrl">
    /// The base of the app's own URLs, from <see cref="Mailstrom.Http.Links.PublicOrigin"/>: the configured public base URL,
    /// or the request's allowed scheme and host.
    /// </param>
    /// <returns>The URLs.</returns>
    public static DurableManagementUrls For(DurableTaskClient client, string instanceId, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(baseUrl);
        HttpManagementPayload payload;
        try
        {
            payload = client.CreateHttpManagementPayload(instanceId);
        }
        catch (InvalidOperationException)
        {
            // "Failed to create HTTP management payload as base URL is null": not a client bound by the host.
            return FromBase(instanceId, baseUrl);
        }

        return new DurableManagementUrls(
            instanceId,
            payload.StatusQueryGetUri,
            payload.SendEventPostUri,
            payload.TerminatePostUri,
            payload.PurgeHistoryDeleteUri,
            payload.SuspendPostUri,
            payload.ResumePostUri,
            payload.RewindPostUri,
            payload.RestartPostUri);
    }

    /// <summary>The extension's URL templates on a base URL, without a key.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="baseUrl">The base URL (scheme, host and any path prefix), without a trailing slash.</param>
    /// <returns>The URLs.</returns>
    public static DurableManagementUrls FromBase(string instanceId, string baseUrl)
    {
        var instance = $"{baseUrl}{WebhookPath}/instances/{Uri.EscapeDataString(instanceId)}";
        return new DurableManagementUrls(
            instanceId,
            StatusQueryGetUri: instance,
            SendEventPostUri: instance + "/raiseEvent/{eventName}",
            TerminatePostUri: instance + "/terminate?reason={text}",
            PurgeHistoryDeleteUri: instance,
            SuspendPostUri: instance + "/suspend?reason={text}",
            ResumePostUri: instance + "/resume?reason={text}");
    }
}
