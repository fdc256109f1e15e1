using Mailstrom.Functions.Emails;
using Mailstrom.Functions.Tests.Infrastructure;
using Mailstrom.Http.Links;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Functions.Tests.Emails;

public sealed class DurableManagementLinksTests : IAsyncLifetime
{
    private FunctionsTestApp _app = null!;

    public async Task InitializeAsync() => _app = await FunctionsTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void For_TheBindingsClient_TakesTheExtensionsUrls_OnTheWebhookWithTheSystemKey()
    {
        var urls = DurableManagementLinks.For(_app.Client, "id 1", RequestBase);

        var instance = $"{BindingClient.WebhookBaseUrl}/instances/id%201";
        Assert.Equal("id 1", urls.Id);
        Assert.Equal($"{instance}?{BindingClient.WebhookQuery}", urls.StatusQueryGetUri);
        Assert.Equal($"{instance}/raiseEvent/{{eventName}}?{BindingClient.WebhookQuery}", urls.SendEventPostUri);
        Assert.Equal($"{instance}/terminate?reason={{text}}&{BindingClient.WebhookQuery}", urls.TerminatePostUri);
        Assert.Equal($"{instance}?{BindingClient.WebhookQuery}", urls.PurgeHistoryDeleteUri);
        Assert.Equal($"{instance}/suspend?reason={{text}}&{BindingClient.WebhookQuery}", urls.SuspendPostUri);
        Assert.Equal($"{instance}/resume?reason={{text}}&{BindingClient.WebhookQuery}", urls.ResumePostUri);
    }

    [Fact]
    public void For_AClientNotBoundByTheHost_BuildsTheSameTemplatesOnTheBaseUrl_WithoutAKey()
    {
        var urls = DurableManagementLinks.For(_app.HostClient, "id 1", RequestBase);

        var instance = $"https://{HttpExchange.Host}/runtime/webhooks/durabletask/instances/id%201";
        Assert.Equal(instance, urls.StatusQueryGetUri);
        Assert.Equal($"{instance}/raiseEvent/{{eventName}}", urls.SendEventPostUri);
        Assert.Equal($"{instance}/terminate?reason={{text}}", urls.TerminatePostUri);
        Assert.Equal(instance, urls.PurgeHistoryDeleteUri);
        Assert.Equal($"{instance}/suspend?reason={{text}}", urls.SuspendPostUri);
        Assert.Equal($"{instance}/resume?reason={{text}}", urls.ResumePostUri);
        Assert.Null(urls.RewindPostUri);
        Assert.Null(urls.RestartPostUri);
    }

    [Fact]
    public void FromBase_MatchesTheExtensionsOwnUrlsForARequestOnThatBase()
    {
        // The extension builds the URLs from a request too (given as HttpRequestData); the fallback must agree with it.
        var extension = Microsoft.Azure.Functions.Worker.DurableTaskClientExtensions.CreateHttpManagementPayload(
            _app.HostClient, "id 1", new UrlOnlyRequestData(new Uri($"https://{HttpExchange.Host}/api/emails")));

        var ours = DurableManagementLinks.FromBase("id 1", RequestBase);

        Assert.Equal(extension.StatusQueryGetUri, ours.StatusQueryGetUri);
        Assert.Equal(extension.SendEventPostUri, ours.SendEventPostUri);
        Assert.Equal(extension.TerminatePostUri, ours.TerminatePostUri);
        Assert.Equal(extension.PurgeHistoryDeleteUri, ours.PurgeHistoryDeleteUri);
        Assert.Equal(extension.SuspendPostUri, ours.SuspendPostUri);
        Assert.Equal(extension.ResumePostUri, ours.ResumePostUri);
    }

    [Fact]
    public void FromBase_WithAPathPrefix_KeepsIt()
    {
        var urls = DurableManagementLinks.FromBase("id1", "https://gateway.example.com/mail");

        Assert.Equal("https://gateway.example.com/mail/runtime/webhooks/durabletask/instances/id1", urls.StatusQueryGetUri);
    }

    /// <summary>The base the app's links take for a request on <see cref="HttpExchange.Host"/>.</summary>
    private string RequestBase =>
        _app.Services.GetRequiredService<PublicOrigin>().BaseUrl(
            HttpExchange.Create(_app.Services.CreateScope().ServiceProvider, "POST", "/api/emails").Request)!;
}
