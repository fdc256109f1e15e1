using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>
/// Client faults reproduced on the wire: every hostile request of <see cref="RawRequestCorpus"/>, bodies that arrive too
/// slowly, clients that go away mid-body, and HTTP versions Kestrel does not speak. None may be answered with 500, logged
/// as an error or with a stack trace, store anything, or take the app down.
/// </summary>
public sealed class RawSocketTests(KestrelAppFixture fixture) : IClassFixture<KestrelAppFixture>
{
    private const int Timeout = 60_000;
    private static readonly TimeSpan _within = TimeSpan.FromSeconds(20);

    [Fact]
    public void TheHostileSuite_HasAtLeast250DistinctRequests_OnTheWireAndInTheBody()
    {
        var wire = RawRequestCorpus.All.Values.Select(r => Convert.ToBase64String(r.Bytes)).ToHashSet(StringComparer.Ordinal);
        var bodies = HostileRequestCorpus.All.Values
            .Select(r => $"{r.ContentType}|{r.IdempotencyKey}|{Convert.ToBase64String(r.Body)}")
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(RawRequestCorpus.All.Count, wire.Count);
        Assert.Equal(HostileRequestCorpus.All.Count, bodies.Count);
        Assert.InRange(wire.Count, 150, int.MaxValue);
        Assert.InRange(wire.Count + bodies.Count, 250, int.MaxValue);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(RawRequestCorpus.Names), MemberType = typeof(RawRequestCorpus))]
    public async Task RawRequest_GetsItsDocumented4xx_StoresNothing_LogsNoError_AndTheAppStaysUp(string name)
    {
        var row = RawRequestCorpus.All[name];
        var before = await SnapshotAsync();
        using var timeout = new CancellationTokenSource(_within);

        await using var connection = await RawHttpConnection.OpenAsync(fixture.Endpoint, timeout.Token);
        await connection.SendAsync(row.Bytes, timeout.Token);
        var response = await connection.ReadResponseAsync(timeout.Token);
        if (row.KestrelDrainError)
        {
            // Kestrel logs its drain error after the answer, then closes the connection.
            Assert.True(await connection.IsClosedByServerAsync(timeout.Token));
        }

        Assert.NotNull(response);
        Assert.True(row.Status == response.Status, $"expected {row.Status}, got {response.Status}: {HostileClient.Truncate(response.BodyText)}");
        await AssertAnswerAsync(response, row.Field);
        await AssertUnharmedAsync(before, row.KestrelDrainError);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(RawAcceptedRequests.Names), MemberType = typeof(RawAcceptedRequests))]
    public async Task NearMiss_IsAccepted_StoredOnce_AndItsUrlsStayOnTheAllowedHost(string name)
    {
        var row = RawAcceptedRequests.All[name];
        var before = await SnapshotAsync();
        using var timeout = new CancellationTokenSource(_within);

        var response = await RawHttpConnection.ExchangeAsync(fixture.Endpoint, row.Bytes, timeout.Token);

        Assert.NotNull(response);
        Assert.True(response.Status == StatusCodes.Status202Accepted, $"got {response.Status}: {HostileClient.Truncate(response.BodyText)}");
        Assert.StartsWith(row.BaseUrl + "/api/emails/", response.Header("Location"), StringComparison.OrdinalIgnoreCase);
        using var body = JsonDocument.Parse(response.Body);
        foreach (var link in body.RootElement.EnumerateObject().Where(p => p.Name.EndsWith("Uri", StringComparison.Ordinal)))
        {
            Assert.StartsWith(row.BaseUrl + "/api/emails/", link.Value.GetString(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("evil", string.Join('\n', response.Headers) + response.BodyText, StringComparison.OrdinalIgnoreCase);
        await fixture.App.Requests.WaitUntilIdleAsync(_within);
        Assert.Equal(before.Stored + 1, await HostileClient.CountStoredAsync(fixture.Client));
    }

    [Fact(Timeout = Timeout)]
    public async Task BodySlowerThanTheMinimumDataRate_Is408Problem_NotAnError()
    {
        var before = await SnapshotAsync();
        var head = "POST /api/emails HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"from\":";
        await using var connection = await RawHttpConnection.OpenAsync(fixture.Endpoint, CancellationToken.None);
        using var timeout = new CancellationTokenSource(_within);

        // The body stops after a few bytes; Kestrel gives up once the grace period has passed.
        await connection.SendAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        var response = await connection.ReadResponseAsync(timeout.Token);

        Assert.NotNull(response);
        Assert.Equal(StatusCodes.Status408RequestTimeout, response.Status);
        await AssertAnswerAsync(response, "body");
        await AssertUnharmedAsync(before);
        Assert.Contains(fixture.App.Logs.Skip(before.Logged), l => l.EventId.Id == 2208 && l.Message.Contains("408", StringComparison.Ordinal));
    }

    [Fact(Timeout = Timeout)]
    public async Task HeadersSlowerThanTheTimeout_Are408FromKestrel_NotAnError()
    {
        var before = await SnapshotAsync();
        await using var connection = await RawHttpConnection.OpenAsync(fixture.Endpoint, CancellationToken.None);
        using var timeout = new CancellationTokenSource(_within);

        await connection.SendAsync(Encoding.ASCII.GetBytes("POST /api/emails HTTP/1.1\r\nHost: localhost\r\nX-Slow: "), timeout.Token);
        var response = await connection.ReadResponseAsync(timeout.Token);

        Assert.Equal(StatusCodes.Status408RequestTimeout, response?.Status);
        await AssertUnharmedAsync(before);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("reset", false)]
    [InlineData("reset", true)]
    [InlineData("close", false)]
    [InlineData("close", true)]
    public async Task ClientGoingAwayMidBody_IsNotAnError_AndStoresNothing(string how, bool chunked)
    {
        var before = await SnapshotAsync();
        var finished = fixture.App.Requests.Finished;
        var framing = chunked ? "Transfer-Encoding: chunked\r\n\r\n4000\r\n" : "Content-Length: 100000\r\n\r\n";
        var head = $"POST /api/emails HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{framing}{{\"from\":\"a@example.com\",\"text\":\"";
        using var timeout = new CancellationTokenSource(_within);
        await using (var connection = await RawHttpConnection.OpenAsync(fixture.Endpoint, timeout.Token))
        {
            await connection.SendAsync(Encoding.ASCII.GetBytes(head + new string('x', 8000)), timeout.Token);

            // Gone once the app is reading the body: the request is in the pipeline until it gives up.
            await fixture.App.Requests.WaitUntilInFlightAsync(_within);
            if (how == "reset")
            {
                connection.Reset();
            }
            else
            {
                connection.Close();
            }
        }

        await fixture.App.Requests.WaitUntilFinishedAsync(finished + 1, _within);
        await AssertUnharmedAsync(before);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("HTTP/1.2")]
    [InlineData("HTTP/2.0")]
    [InlineData("http/1.1")]
    public async Task AnHttpVersionKestrelDoesNotSpeak_Is505FromKestrel_TheOnly5xxAClientCanCause_AndNotAnError(string version)
    {
        var before = await SnapshotAsync();
        using var timeout = new CancellationTokenSource(_within);

        var response = await RawHttpConnection.ExchangeAsync(
            fixture.Endpoint, Encoding.ASCII.GetBytes($"GET /api/health {version}\r\nHost: localhost\r\n\r\n"), timeout.Token);

        // RFC 9110 §15.6.6: the server does not support the major version. Kestrel answers it before the app sees the
        // request; nothing is logged above Debug.
        Assert.Equal(StatusCodes.Status505HttpVersionNotsupported, response?.Status);
        await AssertUnharmedAsync(before);
    }

    [Fact(Timeout = Timeout)]
    public async Task MalformedRequestAfterAGoodOne_OnOneConnection_GetsItsOwn400_AndTheGoodOneItsAnswer()
    {
        var before = await SnapshotAsync();
        using var timeout = new CancellationTokenSource(_within);
        await using var connection = await RawHttpConnection.OpenAsync(fixture.Endpoint, timeout.Token);

        await connection.SendAsync(Encoding.ASCII.GetBytes(
            "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n" +
            "POST /api/emails HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n"),
            timeout.Token);
        var first = await connection.ReadResponseAsync(timeout.Token);
        var second = await connection.ReadResponseAsync(timeout.Token);

        Assert.Equal(StatusCodes.Status200OK, first?.Status);
        Assert.Equal(StatusCodes.Status400BadRequest, second?.Status);
        await AssertAnswerAsync(second!, field: null);
        Assert.True(await connection.IsClosedByServerAsync(timeout.Token), "the connection must be closed after a framing error");
        await AssertUnharmedAsync(before);
    }

    [Fact(Timeout = Timeout)]
    public async Task GoodRequestOnTheRawSocket_IsAccepted_SoTheCorpusIsRefusedForItsFaultAlone()
    {
        using var app = KestrelAppFixture.Create();
        const string json = "{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"],\"subject\":\"Hostile\",\"text\":\"x\"}";
        using var timeout = new CancellationTokenSource(_within);

        var chunkedJson = $"{json.Length:X}\r\n{json}\r\n0\r\n\r\n";
        var plain = await RawHttpConnection.ExchangeAsync(app.Endpoint, Encoding.ASCII.GetBytes(
            $"POST /api/emails HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {json.Length}\r\n\r\n{json}"), timeout.Token);
        var chunked = await RawHttpConnection.ExchangeAsync(app.Endpoint, Encoding.ASCII.GetBytes(
            $"POST /api/emails HTTP/1.1\r\nHost: localhost:7071\r\nContent-Type: Application/JSON; Charset=\"UTF-8\"\r\nTransfer-Encoding: chunked\r\n\r\n{chunkedJson}"), timeout.Token);

        Assert.Equal(StatusCodes.Status202Accepted, plain?.Status);
        Assert.Equal(StatusCodes.Status202Accepted, chunked?.Status);
        using var client = app.CreateApiClient();
        Assert.Equal(2, await HostileClient.CountStoredAsync(client));
    }

    /// <summary>An answer with a body is the app's: an RFC 9457 problem of the same 4xx, naming the field when one is expected.</summary>
    private static async Task AssertAnswerAsync(RawHttpResponse response, string? field)
    {
        Assert.InRange(response.Status, 400, 499);
        if (response.Body.Length == 0)
        {
            Assert.True(field is null, $"expected the app's problem naming {field}, got Kestrel's bare {response.Status}");
            return;
        }

        using var message = new HttpResponseMessage((HttpStatusCode)response.Status)
        {
            Content = new ByteArrayContent(response.Body),
        };
        message.Content.Headers.TryAddWithoutValidation("Content-Type", response.Header("Content-Type"));
        var (error, actualField) = await HostileClient.CheckProblemAsync(message);
        Assert.Null(error);
        if (field is not null)
        {
            Assert.Equal(field, actualField);
        }
    }

    /// <summary>How much the app had logged and stored before a test's request.</summary>
    private async Task<Before> SnapshotAsync()
    {
        await fixture.App.Requests.WaitUntilIdleAsync(_within);
        return new Before(fixture.App.Logs.Count, await HostileClient.CountStoredAsync(fixture.Client));
    }

    /// <summary>
    /// Once the app is idle: nothing logged as an error or with an exception since <paramref name="before"/>, nothing
    /// stored, and the app answers its health check.
    /// </summary>
    private async Task AssertUnharmedAsync(Before before, bool kestrelDrainError = false)
    {
        await fixture.App.Requests.WaitUntilIdleAsync(_within);
        var errors = fixture.App.Logs.Skip(before.Logged)
            .Where(l => l.Level >= LogLevel.Error || l.Message.Contains("Exception", StringComparison.Ordinal) || l.Message.Contains("   at ", StringComparison.Ordinal))
            .Where(l => !(kestrelDrainError && l.EventId.Name == "RequestBodyDrainBodyReaderInvalidState"))
            .Select(l => $"{l.Level} {l.EventId}: {HostileClient.Truncate(l.Message)}")
            .ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Assert.Equal(before.Stored, await HostileClient.CountStoredAsync(fixture.Client));
        using var health = await fixture.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    private readonly record struct Before(int Logged, int Stored);
}
