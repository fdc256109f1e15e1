using Mailstrom.DependencyInjection;
using Mailstrom.Diagnostics;
using Mailstrom.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.DependencyInjection;

public sealed class MailstromServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMailstrom_CalledTwice_AppliesBothConfigurations_AndRegistersNoEngineByItself()
    {
        var services = new ServiceCollection();
        services.AddLogging();

        services.AddMailstrom(o => o.HeloName = "first.example.org");
        services.AddMailstrom(o => o.Delivery.SmtpPort = 2525);
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService));
        var options = provider.GetRequiredService<IOptions<MailstromOptions>>().Value;
        Assert.Equal("first.example.org", options.HeloName);
        Assert.Equal(2525, options.Delivery.SmtpPort);
    }

    [Fact]
    public void UseStore_CalledTwice_RegistersTheNativeEngineOnce_WithTheLastStore()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var first = new FakeStore();
        var second = new FakeStore();

        services.AddMailstrom().UseStore(_ => first).UseStore(_ => second);
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(Mailstrom.Hosting.DeliveryWorker));
        Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(Mailstrom.Webhooks.Outbox.OutboxDispatcher));
        Assert.Single(services, d => d.ServiceType == typeof(IMailstrom));
        Assert.Same(second, provider.GetRequiredService<IEmailStore>());
        Assert.Same(second, provider.GetRequiredService<IDeliveryQueue>());
    }

    [Fact]
    public void UseEngine_AfterAStore_ReplacesTheNativeEngineAndRemovesItsWorker()
    {
        var services = new ServiceCollection();
        var engine = new FakeEngine();

        services.AddMailstrom().UseStore(_ => new FakeStore()).UseEngine(_ => engine);
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService));
        Assert.Same(engine, Assert.IsType<InstrumentedMailstrom>(provider.GetRequiredService<IMailstrom>()).Inner);
    }

    [Fact]
    public void AddMailstrom_BindsTheMailstromSection_BeforeTheDelegate()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mailstrom:HeloName"] = "configured.example.org",
            ["Mailstrom:Retry:MaxAttempts"] = "7",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);

        services.AddMailstrom(o => o.Retry.MaxAttempts = o.Retry.MaxAttempts + 1);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MailstromOptions>>().Value;
        Assert.Equal("configured.example.org", options.HeloName);
        Assert.Equal(8, options.Retry.MaxAttempts);
    }

    [Fact]
    public void AddMailstrom_WithoutAnEngine_FailsWithAnActionableMessage()
    {
        var services = new ServiceCollection();
        services.AddMailstrom();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IMailstrom>());

        Assert.Contains("UseSqlite", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseDurableTask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMailstrom_InvalidSettings_FailWhenOptionsAreRead()
    {
        var services = new ServiceCollection();
        services.AddMailstrom(o => o.Limits.MaxRecipients = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MailstromOptions>>().Value);

        Assert.Contains("Mailstrom:Limits:MaxRecipients", error.Message, StringComparison.Ordinal);
    }

    private sealed class FakeStore : IEmailStore, IDeliveryQueue
    {
        public Task<CreateEmailResult> CreateAsync(NewEmail email, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Model.EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Model.TerminateResult> TerminateAsync(string id, string? reason, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Model.EmailPage> ListAsync(Model.EmailQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DeliveryWorkItem>> ClaimDueAsync(ClaimRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ReadOnlyMemory<byte>?> GetContentAsync(string emailId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> RecordAsync(IReadOnlyList<RecipientResult> results, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReleaseAsync(IReadOnlyList<DeliveryWorkItem> items, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> ReleaseLeasesOfGoneOwnersAsync(Func<string, bool> ownerIsGone, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class FakeEngine : IMailstrom
    {
        public Task<string> SendAsync(Model.EmailRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<string> SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Model.SendResult> SendAsync(Model.EmailRequest request, Model.SendOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Model.SendResult> SendAsync(MimeKit.MimeMessage message, Model.SendOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Model.EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Model.TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Model.EmailPage> ListAsync(Model.EmailQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Mailstrom.Suppression.SuppressionPage> ListSuppressionsAsync(Mailstrom.Suppression.SuppressionQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RemoveSuppressionAsync(string address, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
