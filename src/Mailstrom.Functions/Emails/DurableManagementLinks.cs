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
    /// the Durable extension builds the URLs from them. Any other client (one not bound by the host) knows neither; the
    /// same URLs are then built on the request's scheme and host, without a key.
    /// </summary>
    /// <param name="client">The client the host bound to the invocation.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="request">The current request.</param>
    /// <returns>The URLs.</returns>
    public static DurableManagementUrls For(DurableTaskClient client, string instanceId, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(request);
        HttpManagementPayload payload;
        try
        {
            payload = client.CreateHttpManagementPayload(instanceId);
        }
        catch (InvalidOperationException)
        {
            // "Failed to create HTTP management payload as base URL is null": not a client bound by the host.
            return FromRequest(instanceId, request);
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

    /// <summary>The extension's URL templates on the request's scheme and host, without a key.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="request">The current request.</param>
    /// <returns>The URLs.</returns>
    public static DurableManagementUrls FromRequest(string instanceId, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = $"{request.Scheme}://{request.Host.ToUriComponent()}{WebhookPath}/instances/{Uri.EscapeDataString(instanceId)}";
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
