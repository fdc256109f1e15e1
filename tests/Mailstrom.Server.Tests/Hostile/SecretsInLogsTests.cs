using System.Net;
using System.Text;
using System.Text.Json;
using Mailstrom.Server.Tests.Infrastructure;
using Mailstrom.Testing.Rig;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>
/// A full delivery through the HTTP API, the worker, the rig's DNS and the rig's authenticating relay (Postfix, STARTTLS,
/// AUTH) with every log level of every category captured: no line holds the relay password, the function key, the
/// body, the HTML, the attachment or the subject.
/// </summary>
[RigTest]
public sealed class SecretsInLogsTests
{
    private const int Timeout = 90_000;
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Fact(Timeout = Timeout)]
    public async Task FullDeliveryThroughTheRelay_NoLogLineAtAnyLevelHoldsAPasswordKeyBodyAttachmentOrSubject()
    {
        var rig = RigEnvironment.Current;
        var marker = Guid.NewGuid().ToString("N");
        var subject = "Subject-" + marker;
        var text = "Body-" + marker;
        var html = "<p>Html-" + marker + "</p>";
        var attachment = "Attachment-" + marker;
        var attachmentBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(attachment));
        var capture = new FullLogCapture();
        using var app = ServerApp.Create(
            remoteAddress: Remote,
            keys: [ServerApp.Key],
            settings: new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Mailstrom:Delivery:EnableWorker"] = "true",
                ["Mailstrom:Delivery:PollInterval"] = "00:00:00.200",
                ["Mailstrom:Dns:NameServers:0"] = rig.DnsServerText,
                ["Mailstrom:Delivery:Mode"] = "Relay",
                ["Mailstrom:Delivery:Relay:Host"] = rig.RelayHost,
                ["Mailstrom:Delivery:Relay:Port"] = rig.RelayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mailstrom:Delivery:Relay:Tls"] = "StartTls",
                ["Mailstrom:Delivery:Relay:Username"] = rig.RelayUser,
                ["Mailstrom:Delivery:Relay:Password"] = rig.RelayPassword,
            },
            services: s => s.AddSingleton<ILoggerProvider>(capture));
        using var client = app.CreateApiClient();
        var json = JsonSerializer.Serialize(new
        {
            from = "Sender <sender@client.mailstrom.test>",
            to = new[] { $"secrets-{marker[..12]}@{rig.PostfixDomain}" },
            subject,
            text,
            html,
            attachments = new[] { new { fileName = "secret.txt", contentType = "text/plain", content = attachmentBase64 } },
        });

        using var created = await client.PostJsonAsync(json, key: ServerApp.Key);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        using var createdBody = await Api.ReadJsonAsync(created);
        var id = createdBody.RootElement.GetProperty("id").GetString()!;
        var recipient = await WaitUntilCompletedAsync(client, id, TimeSpan.FromSeconds(60));
        using var wrongKey = await client.GetAsync($"{Api.Emails}/{id}?code=wrong-{ServerApp.Key}");

        Assert.Equal("Delivered", recipient.GetProperty("status").GetString());
        Assert.Equal(rig.RelayHost, recipient.GetProperty("mxHost").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        var entries = capture.Entries;
        Assert.Contains(entries, e => e.Level == LogLevel.Debug || e.Level == LogLevel.Trace);
        Assert.Contains(entries, e => e.Text.Contains(id, StringComparison.Ordinal));
        string[] secrets = [rig.RelayPassword, ServerApp.Key, subject, text, marker, attachment, attachmentBase64,
            Convert.ToBase64String(Encoding.UTF8.GetBytes("\0" + rig.RelayUser + "\0" + rig.RelayPassword))];
        var leaks = entries
            .SelectMany(e => secrets.Where(s => e.Text.Contains(s, StringComparison.Ordinal)).Select(s => $"{e.Level} {e.Category}: {HostileClient.Truncate(e.Text)}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks.Take(10)));
    }

    private static async Task<JsonElement> WaitUntilCompletedAsync(HttpClient client, string id, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        string? last = null;
        try
        {
            do
            {
                using var response = await client.GetAsync($"{Api.Emails}/{id}?code={ServerApp.Key}", deadline.Token);
                last = await response.Content.ReadAsStringAsync(deadline.Token);
                using var document = JsonDocument.Parse(last);
                if (document.RootElement.GetProperty("runtimeStatus").GetString() == "Completed")
                {
                    return document.RootElement.GetProperty("customStatus").GetProperty("recipients")[0].Clone();
                }
            }
            while (await timer.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"email {id} did not complete within {timeout}; last status: {last}");
    }
}
