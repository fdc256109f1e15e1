using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Functions.Tests.Infrastructure;

/// <summary>
/// The client the <c>[DurableClient]</c> binding hands to a function under the Functions host: the Durable extension's
/// internal <c>FunctionsDurableTaskClient</c>, which wraps the task hub's client and carries the host's webhook base URL
/// and the query string with the task hub, connection and system key. Built here around the test host's client, with the
/// extension's own constructor, so the functions run against exactly what the binding gives them.
/// </summary>
internal static class BindingClient
{
    /// <summary>The Durable webhook base URL the host passes to the binding.</summary>
    public const string WebhookBaseUrl = "https://mailstrom-app.azurewebsites.net/runtime/webhooks/durabletask";

    /// <summary>The query string the host passes to the binding (the system key is a stand-in).</summary>
    public const string WebhookQuery = "taskHub=mailstromfunctions&connection=Storage&code=SYSTEM-KEY";

    public static DurableTaskClient Wrap(DurableTaskClient inner)
    {
        var type = typeof(HttpManagementPayload).Assembly.GetType("Microsoft.Azure.Functions.Worker.FunctionsDurableTaskClient", throwOnError: true)!;
        return (DurableTaskClient)Activator.CreateInstance(
            type, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, binder: null,
            [inner, WebhookQuery, WebhookBaseUrl, null], culture: null)!;
    }
}
