using Mailstrom.Diagnostics;
using Mailstrom.Storage;
using Mailstrom.Storage.Sqlite;
using Mailstrom.Testing.Storage;
using Mailstrom.Testing.Webhooks;
using Mailstrom.Webhooks;
using Mailstrom.Webhooks.Outbox;
using Mailstrom.Webhooks.Sending;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Tests.Webhooks.Outbox;

/// <summary>
/// The native engine's webhook path without its loop: a SQLite store writing events to its outbox, one
/// <see cref="OutboxPass"/> at a time on a fake clock, and a real receiver on loopback. The clock starts at the real
/// time, so signatures of the first minutes also verify with the StandardWebhooks package.
/// </summary>
internal sealed class OutboxHarness : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "mailstrom-webhook-tests", $"{Guid.NewGuid():N}.db");

    private OutboxHarness(WebhookReceiver receiver, Action<WebhookOptions>? configure, string? secret)
    {
        Receiver = receiver;
        Settings = new WebhookOptions { AllowHttp = true, AllowPrivateDestinations = true, MaxConcurrency = 8 };
        Settings.Endpoints["hooks"] = new WebhookEndpointOptions { Url = receiver.Url.ToString(), Secret = secret ?? WebhookTestSecrets.Current };
        configure?.Invoke(Settings);
        var options = Options.Create(Settings);
        var endpoints = new WebhookEndpoints(options);
        Store = new SqliteMailstromStore(new SqliteStorageOptions { Path = _path }, endpoints);
        Sender = new WebhookSender(options, Time);
        Pass = new OutboxPass(Store, new WebhookDelivery(endpoints, Sender, options, Time, new MailstromMetrics()), options, Time);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public WebhookOptions Settings { get; }

    public WebhookReceiver Receiver { get; }

    public SqliteMailstromStore Store { get; }

    public OutboxPass Pass { get; }

    private WebhookSender Sender { get; }

    public static async Task<OutboxHarness> StartAsync(Action<WebhookOptions>? configure = null, string? secret = null) =>
        new(await WebhookReceiver.StartAsync(), configure, secret);

    /// <summary>Stores an email of <paramref name="recipients"/> recipients and claims them all, as the worker would.</summary>
    public async Task<IReadOnlyList<DeliveryWorkItem>> ClaimNewEmailAsync(int recipients = 1)
    {
        var id = Guid.NewGuid().ToString("N");
        await Store.CreateAsync(StoreTestData.Email(id, Time.GetUtcNow(), recipients), CancellationToken.None);
        var claimed = await Store.ClaimDueAsync(new ClaimRequest("test", Time.GetUtcNow(), TimeSpan.FromMinutes(5), 1000), CancellationToken.None);
        return [.. claimed.Where(i => i.EmailId == id)];
    }

    /// <summary>Stores an email of one recipient and records it delivered: two events (recipient.delivered, email.completed).</summary>
    public async Task<string> DeliverNewEmailAsync()
    {
        var item = Assert.Single(await ClaimNewEmailAsync());
        await Store.RecordAsync([StoreTestData.Delivered(item, Time.GetUtcNow())], CancellationToken.None);
        return item.EmailId;
    }

    /// <summary>Moves the clock on and runs one pass.</summary>
    public Task<int> PassAtAsync(TimeSpan later)
    {
        Time.Advance(later);
        return Pass.RunOnceAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Sender.Dispose();
        await Store.DisposeAsync();
        await Receiver.DisposeAsync();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
