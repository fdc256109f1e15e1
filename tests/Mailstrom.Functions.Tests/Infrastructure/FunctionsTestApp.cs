using System.Text;
using System.Text.Json;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Concurrency;
using Mailstrom.DependencyInjection;
using Mailstrom.Durable;
using Mailstrom.Durable.Activities;
using Mailstrom.Durable.Content;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Functions.Emails;
using Mailstrom.Functions.Hosting;
using Mailstrom.Functions.Orchestration;
using Mailstrom.Functions.Suppressions;
using Mailstrom.Suppression;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Durable;
using Mailstrom.Testing.Processes;
using Mailstrom.Testing.Suppression;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.Tests.Infrastructure;

/// <summary>
/// The Functions app without the Functions host: its HTTP functions, resolved from a container built with the app's own
/// registrations (<see cref="FunctionsAppServiceCollectionExtensions.AddMailstromFunctionsApp"/>), called with the client
/// the <c>[DurableClient]</c> binding would give them, over Durable Task's in-process test host running the engine's
/// orchestrator and activity. The delivery core is a script and message content stays in memory, shared by both sides.
/// </summary>
internal sealed class FunctionsTestApp : IAsyncDisposable
{
    /// <summary>The longest any test waits for the task hub.</summary>
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    /// <summary>The app's settings in the tests: fast retries, a small message limit, the local storage account.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["AllowedHosts"] = HttpExchange.Host,
        ["Mailstrom:HeloName"] = "mailstrom.test",
        ["Mailstrom:Limits:MaxMessageBytes"] = "65536",
        ["Mailstrom:Retry:InitialDelay"] = "00:00:01",
        ["Mailstrom:Retry:MaxDelay"] = "00:00:02",
        ["Mailstrom:Retry:JitterFactor"] = "0",
    };

    private readonly DurableTaskTestHost _host;
    private readonly ServiceProvider _services;
    private readonly List<AsyncServiceScope> _scopes = [];

    private FunctionsTestApp(
        DurableTaskTestHost host,
        ServiceProvider services,
        ScriptedDeliveryAgent agent,
        MemoryContentStore content,
        MemorySuppressionList suppressions,
        RecordingDataConverter? converter)
    {
        Suppressions = suppressions;
        Converter = converter;
        _host = host;
        _services = services;
        Agent = agent;
        Content = content;
        Client = BindingClient.Wrap(host.Client);
        Functions = ActivatorUtilities.CreateInstance<EmailsFunctions>(services);
        SuppressionFunctions = ActivatorUtilities.CreateInstance<SuppressionsFunctions>(services);
    }

    /// <summary>The suppression list, in memory, shared by the activity and the HTTP functions.</summary>
    public MemorySuppressionList Suppressions { get; }

    /// <summary>The suppressions API's HTTP functions, created as the worker creates them.</summary>
    public SuppressionsFunctions SuppressionFunctions { get; }

    public ScriptedDeliveryAgent Agent { get; }

    public MemoryContentStore Content { get; }

    /// <summary>The Durable extension's converter the task hub uses with <see cref="HubTasks.Functions"/>.</summary>
    public RecordingDataConverter? Converter { get; }

    /// <summary>The client as the <c>[DurableClient]</c> binding hands it to a function.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The task hub's own client, as the test host gives it.</summary>
    public DurableTaskClient HostClient => _host.Client;

    /// <summary>The HTTP functions, created as the worker creates them (from the app's container).</summary>
    public EmailsFunctions Functions { get; }

    public IServiceProvider Services => _services;

    /// <summary>Starts the app.</summary>
    /// <param name="agent">The delivery core's script; by default every recipient is delivered.</param>
    /// <param name="services">Changes the app's registrations (before the app's own, which add only what is missing).</param>
    /// <param name="tasks">
    /// What the task hub runs: the engine's orchestrator and activity classes (<see cref="HubTasks.Engine"/>), or the
    /// app's orchestrator and activity functions with the Durable extension's serializer (<see cref="HubTasks.Functions"/>).
    /// </param>
    public static async Task<FunctionsTestApp> StartAsync(
        ScriptedDeliveryAgent? agent = null, Action<IServiceCollection>? services = null, HubTasks tasks = HubTasks.Engine)
    {
        agent ??= new ScriptedDeliveryAgent();
        var content = new MemoryContentStore();
        var suppressions = new MemorySuppressionList();
        var delivery = new RecipientDelivery(agent, content, new DeliverySlots(total: 64, perDomain: 20),
            suppression: new SuppressionGate(suppressions, Options.Create(new SuppressionOptions())));
        var converter = tasks == HubTasks.Functions ? new RecordingDataConverter(FunctionsSerialization.DurableConverter()) : null;
        var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                if (tasks == HubTasks.Engine)
                {
                    registry.AddMailstromTasks();
                    return;
                }

                // The functions the Functions host would invoke, by the names it would invoke them under.
                var deliver = new DeliverFunction(delivery);
                registry.AddOrchestratorFunc<SendEmailInput, EmailProgress>(DurableTaskNames.SendEmail, (context, _) => SendEmailFunction.RunAsync(context));
                registry.AddActivityFunc<DeliverInput, AttemptOutcome[]>(DurableTaskNames.Deliver, (_, input) => deliver.RunAsync(input!, CancellationToken.None));
            },
            new DurableTaskTestHostOptions
            {
                Port = LoopbackPorts.Free(),
                ConfigureServices = s =>
                {
                    s.AddSingleton(delivery);
                    if (converter is not null)
                    {
                        // Used by the test host's worker and client alike, as the extension sets it for both.
                        s.AddSingleton<DataConverter>(converter);
                    }
                },
            });

        var app = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build())
            .AddSingleton<IMessageContentStore>(content)
            .AddSingleton<ISuppressionList>(suppressions);
        services?.Invoke(app);
        app.AddMailstromFunctionsApp();
        var provider = app.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new FunctionsTestApp(host, provider, agent, content, suppressions, converter);
    }

    /// <summary>A request to the app, whose services are a fresh scope of its container (as per invocation in the worker).</summary>
    public HttpExchange Request(string method, string target, string? contentType = null, byte[]? body = null)
    {
        var scope = _services.CreateAsyncScope();
        _scopes.Add(scope);
        return HttpExchange.Create(scope.ServiceProvider, method, target, contentType, body);
    }

    /// <summary>A JSON request to the app.</summary>
    public HttpExchange JsonRequest(string method, string target, string json) =>
        Request(method, target, "application/json", Encoding.UTF8.GetBytes(json));

    /// <summary>An email from sender@example.com to the given recipients, as JSON.</summary>
    public static string Email(string subject = "Hello", params string[] to) => JsonSerializer.Serialize(new
    {
        from = "Sender <sender@example.com>",
        to = to.Length == 0 ? ["alice@example.com"] : to,
        subject,
        text = "Hi there.",
    });

    /// <summary>Submits an email through <c>POST api/emails</c> and returns its id.</summary>
    public async Task<string> CreateAsync(string subject = "Hello", params string[] to)
    {
        var exchange = JsonRequest("POST", "/api/emails", Email(subject, to));
        var answer = await exchange.InvokeAsync(() => Functions.CreateEmail(exchange.Request, Client, CancellationToken.None));
        Assert.True(answer.Status == StatusCodes.Status202Accepted, answer.Body);
        return answer.Json.GetProperty("id").GetString()!;
    }

    /// <summary>Waits (on the task hub's notice, not by polling) until the email's instance is terminal.</summary>
    public async Task WaitUntilTerminalAsync(string id)
    {
        using var timeout = new CancellationTokenSource(Within);
        await HostClient.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, timeout.Token);
    }

    /// <summary>Waits (on the task hub's notice) until the email's instance has started running.</summary>
    public async Task WaitUntilRunningAsync(string id)
    {
        using var timeout = new CancellationTokenSource(Within);
        await HostClient.WaitForInstanceStartAsync(id, getInputsAndOutputs: false, timeout.Token);
    }

    /// <summary>Reads an email's status through <c>GET api/emails/{id}</c>.</summary>
    public async Task<HttpAnswer> GetAsync(string id)
    {
        var exchange = Request("GET", $"/api/emails/{id}");
        return await exchange.InvokeAsync(() => Functions.GetEmail(exchange.Request, id, Client, CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _services.DisposeAsync();
        await _host.DisposeAsync();
    }
}

/// <summary>What the test app's task hub runs.</summary>
internal enum HubTasks
{
    /// <summary>The engine's orchestrator and activity classes (<c>AddMailstromTasks</c>), with Durable Task's serializer.</summary>
    Engine,

    /// <summary>The app's orchestrator and activity functions, with the Durable extension's serializer over the worker's.</summary>
    Functions,
}
