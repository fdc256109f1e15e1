using Mailstrom.Delivery;
using Mailstrom.DependencyInjection;
using Mailstrom.Model;
using Mailstrom.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Mailstrom.Tests.Hosting;

/// <summary>A generic host running Mailstrom's worker on a temporary SQLite file, with the delivery activity faked.</summary>
internal sealed class WorkerHost : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "mailstrom-worker-tests", $"{Guid.NewGuid():N}.db");

    public WorkerHost(IDeliveryAgent agent, Action<MailstromOptions>? configure = null, TimeSpan? busyTimeout = null, CountingQueue? countClaims = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddMailstrom(options =>
        {
            options.Delivery.PollInterval = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(options);
        }).UseSqlite(sqlite =>
        {
            sqlite.Path = _path;
            sqlite.BusyTimeout = busyTimeout ?? sqlite.BusyTimeout;
        });
        builder.Services.AddSingleton(agent);
        if (countClaims is not null)
        {
            builder.Services.AddSingleton<IDeliveryQueue>(sp => countClaims.Wrap(sp.GetRequiredService<Mailstrom.Storage.Sqlite.SqliteMailstromStore>()));
        }
        Host = builder.Build();
    }

    public IHost Host { get; }

    public string DatabasePath => _path;

    /// <summary>Everything the host logged.</summary>
    public FakeLogCollector Logs => Host.Services.GetRequiredService<FakeLogCollector>();

    public IMailstrom Mailstrom => Host.Services.GetRequiredService<IMailstrom>();

    public IDeliveryQueue Queue => Host.Services.GetRequiredService<IDeliveryQueue>();

    public Task StartAsync() => Host.StartAsync();

    public Task<string> SendAsync(params string[] to) => Mailstrom.SendAsync(new EmailRequest
    {
        From = "sender@example.org",
        To = to,
        Subject = "Worker test",
        Text = "Body",
    });

    /// <summary>Polls the status until <paramref name="done"/> holds (bounded).</summary>
    public async Task<EmailStatus> WaitForAsync(string id, Func<EmailStatus, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var status = await Mailstrom.GetStatusAsync(id, timeout.Token);
            if (status is not null && done(status))
            {
                return status;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Task.CompletedTask;
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A pooled connection may still hold the file for a moment; the temp folder is disposable.
            }
        }
    }
}
