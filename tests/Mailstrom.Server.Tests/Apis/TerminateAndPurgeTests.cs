using System.Net;
using Mailstrom.Server.Tests.Infrastructure;

namespace Mailstrom.Server.Tests.Apis;

public sealed class TerminateAndPurgeTests : IDisposable
{
    private readonly ServerApp _app = ServerApp.Create();
    private readonly HttpClient _client;

    public TerminateAndPurgeTests() => _client = _app.CreateApiClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task Terminate_Is202_ThenStatusIs200TerminatedWithRecipientsCancelledAndOutputCounts()
    {
        var id = await _client.CreateEmailAsync("Stop me", "alice@example.com", "bob@example.org", "carol@example.net");

        using var terminate = await _client.PostAsync($"/api/emails/{id}/terminate?reason=changed%20my%20mind", null);

        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        using var status = await _client.GetAsync($"/api/emails/{id}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Null(status.Headers.RetryAfter);
        using var body = await Api.ReadJsonAsync(status);
        var root = body.RootElement;
        Assert.Equal("Terminated", root.GetProperty("runtimeStatus").GetString());
        Assert.All(root.GetProperty("customStatus").GetProperty("recipients").EnumerateArray(),
            r => Assert.Equal("Cancelled", r.GetProperty("status").GetString()));
        var output = root.GetProperty("output");
        Assert.Equal(["delivered", "failed", "cancelled", "reason"], Api.PropertyNames(output));
        Assert.Equal(0, output.GetProperty("delivered").GetInt32());
        Assert.Equal(0, output.GetProperty("failed").GetInt32());
        Assert.Equal(3, output.GetProperty("cancelled").GetInt32());
        Assert.Equal("changed my mind", output.GetProperty("reason").GetString());
        using var list = await _client.GetAsync("/api/emails?runtimeStatus=Terminated");
        using var listed = await Api.ReadJsonAsync(list);
        Assert.Equal("changed my mind", Assert.Single(listed.RootElement.EnumerateArray()).GetProperty("output").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Terminate_WithoutReason_Is202()
    {
        var id = await _client.CreateEmailAsync();

        using var terminate = await _client.PostAsync($"/api/emails/{id}/terminate", null);

        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        using var status = await _client.GetAsync($"/api/emails/{id}");
        using var body = await Api.ReadJsonAsync(status);
        Assert.Equal(["delivered", "failed", "cancelled"], Api.PropertyNames(body.RootElement.GetProperty("output")));
    }

    [Fact]
    public async Task Terminate_Again_Is410Problem()
    {
        var id = await _client.CreateEmailAsync();
        using var first = await _client.PostAsync($"/api/emails/{id}/terminate?reason=once", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var second = await _client.PostAsync($"/api/emails/{id}/terminate?reason=twice", null);

        await Api.AssertProblemAsync(second, 410, "id");
    }

    [Fact]
    public async Task Terminate_UnknownId_Is404Problem()
    {
        using var response = await _client.PostAsync($"/api/emails/{Guid.CreateVersion7():N}/terminate?reason=x", null);

        await Api.AssertProblemAsync(response, 404, "id");
    }

    [Fact]
    public async Task Terminate_ReasonTooLong_Is400ProblemNamingReason()
    {
        var id = await _client.CreateEmailAsync();

        using var response = await _client.PostAsync($"/api/emails/{id}/terminate?reason={new string('r', 1025)}", null);

        await Api.AssertProblemAsync(response, 400, "reason");
    }

    [Fact]
    public async Task Purge_Is200WithInstancesDeleted_ThenTheEmailIsGone()
    {
        var id = await _client.CreateEmailAsync();

        using var purge = await _client.DeleteAsync($"/api/emails/{id}");

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal("{\"instancesDeleted\":1}", await purge.Content.ReadAsStringAsync());
        using var status = await _client.GetAsync($"/api/emails/{id}");
        await Api.AssertProblemAsync(status, 404);
        using var again = await _client.DeleteAsync($"/api/emails/{id}");
        await Api.AssertProblemAsync(again, 404, "id");
    }

    [Fact]
    public async Task Purge_UnknownId_Is404Problem()
    {
        using var response = await _client.DeleteAsync($"/api/emails/{Guid.CreateVersion7():N}");

        await Api.AssertProblemAsync(response, 404, "id");
    }
}
