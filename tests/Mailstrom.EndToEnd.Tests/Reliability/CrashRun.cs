using Mailstrom.Testing.Processes;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Contracts;

namespace Mailstrom.EndToEnd.Tests.Reliability;

/// <summary>
/// One crash-and-restart run: submit many single-recipient emails to a sink of the test's own, restart the app as
/// the test says, and account for every recipient at the end.
/// </summary>
internal sealed class CrashRun : IAsyncDisposable
{
    public const string Key = "reliability-key-7c1e9d";
    private readonly Dictionary<string, string> _settings;

    private CrashRun(SmtpSinkProcess sink, Dictionary<string, string> settings)
    {
        Sink = sink;
        _settings = settings;
    }

    public SmtpSinkProcess Sink { get; }

    public AppProcess? App { get; private set; }

    public List<string> Ids { get; } = [];

    /// <summary>The sink's domain: <c>loadN.mailstrom.test</c>.</summary>
    public string Domain { get; private init; } = string.Empty;

    /// <summary>Starts a sink on the rig's <c>load<paramref name="sinkNumber"/></c> address; the app starts later.</summary>
    public static async Task<CrashRun> StartAsync(IReadOnlyDictionary<string, string> storage, int sinkNumber = 1)
    {
        var rig = MailstromLab.Rig;
        var sink = await SmtpSinkProcess.StartAsync(IPAddress.Parse(rig.Get($"ADDR_LOAD{sinkNumber}")), rig.SmtpPort);
        var settings = new Dictionary<string, string>(storage)
        {
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
            ["Mailstrom:Api:Keys:0"] = Key,
            ["Mailstrom:Dns:NameServers:0"] = rig.DnsServerText,
            ["Mailstrom:Delivery:SmtpPort"] = rig.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:AllowPrivateDestinations"] = "true",
            ["Mailstrom:Delivery:LeaseDuration"] = "00:00:05",
            ["Mailstrom:Delivery:AttemptTimeout"] = "00:00:04",
            ["Mailstrom:Delivery:PollInterval"] = "00:00:00.200",
            ["Mailstrom:Retry:InitialDelay"] = "00:00:01",
            ["Mailstrom:Retry:JitterFactor"] = "0",
        };
        return new CrashRun(sink, settings) { Domain = $"load{sinkNumber}.{rig.TestZone}" };
    }

    /// <summary>Starts (or restarts) the app on the same store.</summary>
    public async Task StartAppAsync(bool worker)
    {
        _settings["Mailstrom:Delivery:EnableWorker"] = worker ? "true" : "false";
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        App = await AppProcess.StartAsync(_settings);
    }

    /// <summary>Submits <paramref name="count"/> emails, each to one recipient at the sink, 16 at a time.</summary>
    public async Task SubmitAsync(int count)
    {
        var ids = new string[count];
        using var client = NewClient();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) => ids[i] = await SubmitOneAsync(client, i, ct));
        Ids.AddRange(ids);
    }

    /// <summary>Submits one email with a client of <see cref="NewClient"/>.</summary>
    public async Task<string> SubmitOneAsync(HttpClient client, int number, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("api/emails", new
        {
            from = "sender@client.mailstrom.test",
            to = new[] { $"user{number}@{Domain}" },
            subject = $"Reliability run {number}",
            text = "Reliability run.",
        }, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CheckStatusResponse>(cancellationToken))!.Id;
    }

    /// <summary>
    /// Waits until the sink has every message, then until every email reads back final (reading all emails page by
    /// page, which both stores serve without a status filter).
    /// </summary>
    public async Task WaitUntilAllFinalAsync(TimeSpan within)
    {
        await Sink.WaitForMessagesAsync(Ids.Count, within);
        await Polling.UntilAsync(async () =>
            (await ListAllAsync()).All(e => e.RuntimeStatus is not ("Pending" or "Running")), within, "every email to be final");
    }

    /// <summary>Reads every email back, page by page.</summary>
    public async Task<List<EmailStatusResponse>> ListAllAsync()
    {
        using var client = NewClient();
        var all = new List<EmailStatusResponse>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/emails?top=1000");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            all.AddRange((await response.Content.ReadFromJsonAsync<List<EmailStatusResponse>>())!);
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
        }
        while (token is not null);
        return all;
    }

    /// <summary>A client for the running app, sending the function key.</summary>
    public HttpClient NewClient()
    {
        var client = new HttpClient { BaseAddress = App!.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Add("x-functions-key", Key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        await Sink.DisposeAsync();
    }
}
