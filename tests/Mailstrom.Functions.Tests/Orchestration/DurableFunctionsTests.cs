using Mailstrom.Delivery;
using Mailstrom.Durable.Activities;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Functions.Tests.Infrastructure;
using Mailstrom.Testing.Delivery;

namespace Mailstrom.Functions.Tests.Orchestration;

/// <summary>
/// The orchestrator and activity functions drive the engine on a task hub, with Durable payloads serialized as under the
/// Functions host (the extension's converter over the worker's serializer), and the HTTP functions read the result.
/// </summary>
public sealed class DurableFunctionsTests
{
    [Fact]
    public async Task AnEmailOfTwoPages_IsDeliveredThroughTheFunctions_WithARetryOnADurableTimer()
    {
        // 25 recipients: two pages of at most 20, each a sub-orchestration run by the same SendEmail function.
        var agent = new ScriptedDeliveryAgent()
            .On("slow.test", (attempt, _) => attempt == 1 ? ScriptedDeliveryAgent.Deferred : ScriptedDeliveryAgent.Delivered)
            .On("bounce.test", (_, _) => ScriptedDeliveryAgent.Rejected);
        await using var app = await FunctionsTestApp.StartAsync(agent, tasks: HubTasks.Functions);
        string[] to = [.. Enumerable.Range(0, 23).Select(i => $"r{i}@domain{i % 3}.test"), "late@slow.test", "nobody@bounce.test"];

        var id = await app.CreateAsync("Two pages", to);
        await app.WaitUntilTerminalAsync(id);
        var status = await app.GetAsync(id);

        Assert.True(status.Status == StatusCodes.Status200OK, status.Body);
        Assert.Equal("Completed", status.Json.GetProperty("runtimeStatus").GetString());
        var recipients = status.Json.GetProperty("customStatus").GetProperty("recipients").EnumerateArray().ToList();
        Assert.Equal(to, recipients.Select(r => r.GetProperty("address").GetString()));
        var late = recipients.Single(r => r.GetProperty("address").GetString() == "late@slow.test");
        Assert.Equal("Delivered", late.GetProperty("status").GetString());
        Assert.Equal(2, late.GetProperty("attempts").GetInt32());
        var bounced = recipients.Single(r => r.GetProperty("address").GetString() == "nobody@bounce.test");
        Assert.Equal("Failed", bounced.GetProperty("status").GetString());
        Assert.Equal(550, bounced.GetProperty("smtpCode").GetInt32());
        Assert.Equal("5.1.1", bounced.GetProperty("enhancedStatusCode").GetString());
        var output = status.Json.GetProperty("output");
        Assert.Equal(24, output.GetProperty("delivered").GetInt32());
        Assert.Equal(1, output.GetProperty("failed").GetInt32());
        Assert.Equal(2, await app.HostClient.GetAllInstancesAsync(new Microsoft.DurableTask.Client.OrchestrationQuery { InstanceIdPrefix = id + ":" }).CountAsync());

        // Every Durable payload went through the extension's converter: orchestration input and output, activity input
        // and output, custom status.
        Assert.Subset(
            new HashSet<Type> { typeof(SendEmailInput), typeof(EmailProgress), typeof(DeliverInput), typeof(AttemptOutcome[]) },
            app.Converter!.Deserialized.ToHashSet());
    }

    [Fact]
    public async Task Terminate_ThroughTheFunctions_CancelsWhatIsNotFinal()
    {
        var agent = new ScriptedDeliveryAgent().Hold("slow.test");
        await using var app = await FunctionsTestApp.StartAsync(agent, tasks: HubTasks.Functions);
        try
        {
            var id = await app.CreateAsync("Stop", "r@slow.test", "r@fast.test");
            await app.WaitUntilRunningAsync(id);
            var exchange = app.Request("POST", $"/api/emails/{id}/terminate?reason=stop");

            var terminated = await exchange.InvokeAsync(() => app.Functions.TerminateEmail(exchange.Request, id, app.Client, CancellationToken.None));

            Assert.Equal(StatusCodes.Status202Accepted, terminated.Status);
            var status = (await app.GetAsync(id)).Json;
            Assert.Equal("Terminated", status.GetProperty("runtimeStatus").GetString());
            var slow = status.GetProperty("customStatus").GetProperty("recipients").EnumerateArray()
                .Single(r => r.GetProperty("address").GetString() == "r@slow.test");
            Assert.Equal("Cancelled", slow.GetProperty("status").GetString());
        }
        finally
        {
            agent.Release("slow.test");
        }
    }
}
