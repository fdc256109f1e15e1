using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Mailstrom.Testing.Rig;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The policy hosts of the rig's <c>sts-*</c> domains: a real HTTPS server (Kestrel) on <c>MTASTS_ADDR:443</c> with the
/// rig's <c>mta-sts.&lt;domain&gt;</c> certificate (issued by the test CA), answering
/// <c>/.well-known/mta-sts.txt</c> with whatever each test sets for a Host name, and counting the requests per Host.
/// </summary>
public sealed class MtaStsPolicyServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.OrdinalIgnoreCase);
    private WebApplication? _app;

    /// <summary>Serves <paramref name="policy"/> (200, text/plain) for <c>mta-sts.<paramref name="domain"/></c>.</summary>
    public void Serve(string domain, string policy) => _answers[$"mta-sts.{domain}"] = (200, policy);

    /// <summary>Answers <paramref name="status"/> with no policy for <c>mta-sts.<paramref name="domain"/></c>.</summary>
    public void Fail(string domain, int status) => _answers[$"mta-sts.{domain}"] = (status, string.Empty);

    /// <summary>How many policy requests <c>mta-sts.<paramref name="domain"/></c> has answered.</summary>
    public int Requests(string domain) => _requests.GetValueOrDefault($"mta-sts.{domain}");

    /// <summary>A policy body, lines ending in CRLF.</summary>
    public static string Policy(string mode, params string[] mx) =>
        $"version: STSv1\r\nmode: {mode}\r\n{string.Concat(mx.Select(m => $"mx: {m}\r\n"))}max_age: 86400\r\n";

    public async Task InitializeAsync()
    {
        var rig = RigEnvironment.Current;
        var certificate = X509Certificate2.CreateFromPemFile(rig.Get("MTASTS_CERT"), rig.Get("MTASTS_KEY"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Parse(rig.Get("MTASTS_ADDR")), 443, listen => listen.UseHttps(certificate)));
        _app = builder.Build();
        _app.MapGet("/.well-known/mta-sts.txt", (HttpContext context) =>
        {
            var host = context.Request.Host.Host;
            _requests.AddOrUpdate(host, 1, (_, n) => n + 1);
            return _answers.TryGetValue(host, out var answer)
                ? Results.Text(answer.Body, "text/plain", statusCode: answer.Status)
                : Results.NotFound();
        });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
