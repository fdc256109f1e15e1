using Mailstrom.Delivery;
using Mailstrom.DependencyInjection;
using Mailstrom.Model;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Webhooks;
using Mailstrom.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.Webhooks.Outbox;

/// <summary>The native engine with its worker and webhook dispatcher in a host, posting to a real receiver.</summary>
public sealed class OutboxDispatcherTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private static IHost Host(WebhookReceiver receiver, ScriptedDeliveryAgent agent, string path, Action<MailstromOptions>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddMailstrom(o =>
        {
            o.Delivery.PollInterval = TimeSpan.FromMilliseconds(100);
            o.Retry.InitialDelay = TimeSpan.FromSeconds(1);
            o.Retry.JitterFactor = 0;
            o.Webhooks.AllowHttp = true;
            o.Webhooks.AllowPrivateDestinations = true;
            o.Webhooks.Endpoints["hooks"] = new WebhookEndpointOptions { Url = receiver.Url.ToString(), Secret = WebhookTestSecrets.Current };
            configure?.Invoke(o);
        }).UseSqlite(path);
        builder.Services.AddSingleton<IDeliveryAgent>(agent);
        return builder.Build();
    }

    private static string NewPath() => Path.Combine(Path.GetTempPath(), "mailstrom-webhook-tests", $"{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Worker_DeferredThenDelivered_PostsEveryStatusChange_InOrderOfTheirIds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var agent = new ScriptedDeliveryAgent().On("example.org", (attempt, _) => attempt == 1 ? ScriptedDeliveryAgent.Deferred : ScriptedDeliveryAgent.Delivered);
        using var host = Host(receiver, agent, NewPath());
        await host.StartAsync();

        var id = await host.Services.GetRequiredService<IMailstrom>().SendAsync(new EmailRequest
        {
            From = "sender@example.org", To = ["rcpt@example.org"], Subject = "Secret subject", Text = "Secret body",
        });

        var received = await receiver.WaitForAcceptedAsync(3, Within);
        await host.StopAsync();
        Assert.Equal([$"evt_{id}_completed", $"evt_{id}_r0_a1_deferred", $"evt_{id}_r0_a2_delivered"], received.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(received, r => r.VerifyWithStandardWebhooks(WebhookTestSecrets.Current));
        Assert.All(received, r => Assert.DoesNotContain("Secret", r.Body, StringComparison.Ordinal));
        Assert.NotNull(received.Single(r => r.Type == WebhookEventTypes.RecipientDeferred).DataString("nextAttemptTime"));
    }

    [Fact]
    public async Task Terminate_PostsCancelledAndTerminated()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var agent = new ScriptedDeliveryAgent().Hold("example.com");
        using var host = Host(receiver, agent, NewPath());
        await host.StartAsync();
        var mailstrom = host.Services.GetRequiredService<IMailstrom>();
        var id = await mailstrom.SendAsync(new EmailRequest { From = "sender@example.org", To = ["a@example.com", "b@example.com"], Subject = "s", Text = "t" });

        Assert.Equal(TerminateResult.Terminated, await mailstrom.TerminateAsync(id, "stop"));

        var received = await receiver.WaitForAcceptedAsync(3, Within);
        agent.Release("example.com");
        await host.StopAsync();
        Assert.Equal([$"evt_{id}_r0_a0_cancelled", $"evt_{id}_r1_a0_cancelled", $"evt_{id}_terminated"], received.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Start_InvalidWebhookSettings_FailsWithTheKeyToFix()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddMailstrom(o => o.Webhooks.Endpoints["crm"] = new WebhookEndpointOptions { Url = "http://hooks.example.com/", Secret = WebhookTestSecrets.Current })
            .UseSqlite(NewPath());
        using var host = builder.Build();

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value);

        Assert.Contains("Mailstrom:Webhooks:Endpoints:crm:Url", ex.Message, StringComparison.Ordinal);
    }
}
