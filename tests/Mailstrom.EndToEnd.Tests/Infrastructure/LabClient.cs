using System.Net;
using System.Net.Http.Json;
using Mailstrom.Contracts;

namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>Talks to the app the way an external client does: POST an email, then poll its status URL.</summary>
public sealed class LabClient(HttpClient http) : IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public HttpClient Http => http;

    /// <summary>Submits a JSON email and returns its id (asserting the 202).</summary>
    public async Task<string> SendAsync(object email)
    {
        using var response = await http.PostAsJsonAsync("/api/emails", email);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<CheckStatusResponse>();
        return Assert.IsType<CheckStatusResponse>(accepted).Id;
    }

    /// <summary>Submits a raw MIME message (its text as UTF-8) and returns its id (asserting the 202).</summary>
    public async Task<string> SendRawAsync(string mime)
    {
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(mime));
        content.Headers.ContentType = new("message/rfc822");
        using var response = await http.PostAsync(new Uri("/api/emails", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<CheckStatusResponse>();
        return Assert.IsType<CheckStatusResponse>(accepted).Id;
    }

    /// <summary>Reads the status once.</summary>
    public async Task<EmailStatusResponse> GetStatusAsync(string id)
    {
        using var response = await http.GetAsync(new Uri($"/api/emails/{id}", UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"GET status answered {(int)response.StatusCode}");
        return Assert.IsType<EmailStatusResponse>(await response.Content.ReadFromJsonAsync<EmailStatusResponse>());
    }

    /// <summary>Polls the status URL, as a client would, until <paramref name="done"/> holds or the time is up.</summary>
    /// <exception cref="TimeoutException">The condition did not hold in time; the message shows the last status.</exception>
    public async Task<EmailStatusResponse> WaitForAsync(string id, Func<EmailStatusResponse, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await GetStatusAsync(id);
            if (done(status))
            {
                return status;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Email {id} did not reach the expected state in time. Last status: {Describe(status)}");
            }

            await Task.Delay(PollEvery);
        }
    }

    /// <summary>Waits until the email is Completed (every recipient final).</summary>
    public Task<EmailStatusResponse> WaitForCompletionAsync(string id, TimeSpan? within = null) =>
        WaitForAsync(id, s => s.RuntimeStatus == "Completed", within);

    public static string Describe(EmailStatusResponse status) =>
        $"{status.RuntimeStatus}: " + string.Join("; ", status.CustomStatus.Recipients.Select(r =>
            $"{r.Address} {r.Status} attempts={r.Attempts} next={r.NextAttemptTime} {r.SmtpCode} {r.EnhancedStatusCode} {r.Response} via {r.MxHost}"));

    public void Dispose() => http.Dispose();
}
