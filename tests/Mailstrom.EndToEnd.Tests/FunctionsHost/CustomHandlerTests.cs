using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Functions.Contracts;
using Mailstrom.Testing.Rig;

namespace Mailstrom.EndToEnd.Tests.FunctionsHost;

/// <summary>
/// The app started as an Azure Functions custom handler (<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>) on the rig's Azurite,
/// driven the way the Functions host drives it: HTTP requests forwarded to the API routes, queue-trigger invocations
/// posted to <c>/deliver</c> with the work queue's real messages, and real deliveries to the rig's Postfix and sink.
/// </summary>
public sealed class CustomHandlerTests
{
    private static readonly RigEnvironment Rig = MailstromLab.Rig;

    [Fact(Timeout = 120_000)]
    public async Task QueueInvocation_OfTheWorkMessage_DeliversToPostfixAndCompletesTheEmail()
    {
        await using var handler = await StartAsync();
        using var host = handler.Host;
        var to = $"handler-{Guid.NewGuid():N}";

        // The host checked the caller's key; the handler serves the forwarded request without one.
        using var created = await host.Http.PostAsJsonAsync("/api/emails", new
        {
            from = "sender@client.mailstrom.test",
            to = new[] { $"{to}@{Rig.PostfixDomain}" },
            subject = "Through the Functions host",
            text = "Delivered by a queue-trigger invocation.",
        });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var accepted = (await created.Content.ReadFromJsonAsync<CheckStatusResponse>())!;
        Assert.StartsWith($"https://{FunctionsHostSimulator.PublicHost}/api/emails/", accepted.StatusQueryGetUri, StringComparison.Ordinal);
        Assert.Contains("the delivery worker is off", string.Join('\n', handler.App.Output), StringComparison.Ordinal);

        var message = await host.ReceiveAsync();
        using var invoked = await host.InvokeDeliverAsync(message);
        var (outputs, logs, returnValue) = await FunctionsHostSimulator.ReadAnswerAsync(invoked);

        Assert.True(invoked.StatusCode == HttpStatusCode.OK, $"deliver answered {(int)invoked.StatusCode}: {string.Join(" | ", logs)} {handler.App.Problems}");
        Assert.Equal(JsonValueKind.Object, outputs.ValueKind);
        Assert.Equal(JsonValueKind.Null, returnValue.ValueKind);
        Assert.Equal($"Email {accepted.Id}, recipient 0: Delivered after attempt 1 (250 2.0.0).", Assert.Single(logs));

        using var statusResponse = await host.Http.GetAsync(new Uri($"/api/emails/{accepted.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, statusResponse.StatusCode);
        var status = (await statusResponse.Content.ReadFromJsonAsync<EmailStatusResponse>())!;
        Assert.Equal("Completed", status.RuntimeStatus);
        var recipient = Assert.Single(status.CustomStatus.Recipients);
        Assert.Equal("Delivered", recipient.Status);
        Assert.StartsWith("TLS", recipient.Tls, StringComparison.Ordinal);
        await PostfixMailbox.WaitForMessageAsync(to, status.Input.MessageId);

        // The work is done: the message left the queue, and the host's own delete of it finds nothing.
        Assert.Equal(0, (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact(Timeout = 120_000)]
    public async Task QueueInvocation_WhenTheServerTempfails_DefersAndReplacesTheMessageWithAHiddenOne()
    {
        await using var handler = await StartAsync();
        using var host = handler.Host;
        using var created = await host.Http.PostAsJsonAsync("/api/emails", new
        {
            from = "sender@client.mailstrom.test",
            to = new[] { $"later-{Guid.NewGuid():N}@{Rig.Domain("tempfail")}" },
            subject = "Deferred",
            text = "Tempfailed.",
        });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<CheckStatusResponse>())!.Id;

        var message = await host.ReceiveAsync();
        using var invoked = await host.InvokeDeliverAsync(message);
        var (_, logs, _) = await FunctionsHostSimulator.ReadAnswerAsync(invoked);
        Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
        Assert.StartsWith($"Email {id}, recipient 0: Deferred after attempt 1 (4", Assert.Single(logs), StringComparison.Ordinal);

        using var statusResponse = await host.Http.GetAsync(new Uri($"/api/emails/{id}", UriKind.Relative));
        var recipient = Assert.Single((await statusResponse.Content.ReadFromJsonAsync<EmailStatusResponse>())!.CustomStatus.Recipients);
        Assert.Equal("Deferred", recipient.Status);
        var next = DateTimeOffset.Parse(recipient.NextAttemptTime!, CultureInfo.InvariantCulture);
        Assert.True(next > DateTimeOffset.UtcNow.AddMinutes(50), $"next attempt {recipient.NextAttemptTime}");

        // One message remains: a fresh one (dequeue count starts again), hidden until the next attempt.
        Assert.Equal(1, (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Null((await host.Queue.ReceiveMessageAsync()).Value);

        // The host may deliver the old message again (its delete lost): it is a stale duplicate, answered and dropped.
        using var again = await host.InvokeDeliverAsync(message);
        var (_, againLogs, _) = await FunctionsHostSimulator.ReadAnswerAsync(again);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal($"Work message {message.MessageId}: nothing to deliver now.", Assert.Single(againLogs));
        Assert.Equal(1, (await host.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact(Timeout = 120_000)]
    public async Task Invocations_ThatAreNotQueueTriggers_AreRefusedWithTheMissingPartNamed()
    {
        await using var handler = await StartAsync();
        using var host = handler.Host;

        using var noPopReceipt = await host.InvokeAsync("deliver", new System.Text.Json.Nodes.JsonObject
        {
            ["Data"] = new System.Text.Json.Nodes.JsonObject { ["message"] = "e|0" },
            ["Metadata"] = new System.Text.Json.Nodes.JsonObject { ["Id"] = "m1", ["DequeueCount"] = 1 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, noPopReceipt.StatusCode);
        Assert.Equal("Not a queue-trigger invocation: Metadata.PopReceipt is missing.", Assert.Single((await FunctionsHostSimulator.ReadAnswerAsync(noPopReceipt)).Logs));

        using var sweep = await host.InvokeAsync("sweep", new System.Text.Json.Nodes.JsonObject
        {
            ["Data"] = new System.Text.Json.Nodes.JsonObject { ["timer"] = new System.Text.Json.Nodes.JsonObject { ["IsPastDue"] = false } },
            ["Metadata"] = new System.Text.Json.Nodes.JsonObject(),
        });
        Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
        Assert.Equal("Sweep done: 0 recipient(s) got a fresh work message.", Assert.Single((await FunctionsHostSimulator.ReadAnswerAsync(sweep)).Logs));
    }

    private static async Task<Handler> StartAsync()
    {
        var prefix = $"handler{Guid.NewGuid():N}"[..20];
        var connection = Rig.Get("AZURITE_CONNECTION_STRING");
        var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = connection,
            ["MailstromWorkQueue"] = $"{prefix}-work",
            ["Mailstrom:Storage:Provider"] = "AzureStorage",
            ["Mailstrom:Storage:AzureStorage:NamePrefix"] = prefix,
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
            ["Mailstrom:Dns:NameServers:0"] = Rig.DnsServerText,
            ["Mailstrom:Delivery:SmtpPort"] = Rig.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:AllowPrivateDestinations"] = "true",
            ["Mailstrom:Retry:InitialDelay"] = "01:00:00",
            ["Mailstrom:Retry:JitterFactor"] = "0",
            ["Logging:LogLevel:Mailstrom.Functions.Security"] = "Information",
        }, asCustomHandler: true);
        return new Handler(app, new FunctionsHostSimulator(app, connection, $"{prefix}-work"));
    }

    private sealed record Handler(AppProcess App, FunctionsHostSimulator Host) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
