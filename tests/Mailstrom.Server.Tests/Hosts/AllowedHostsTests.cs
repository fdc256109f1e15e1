using System.Net;
using System.Text.Json;
using Mailstrom.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Tests.Hosts;

/// <summary>
/// No Host-header poisoning: a request's <c>Host</c> chooses no URL the API returns. By default only the loopback names
/// are served and any other host is refused with 400; with a public base URL every returned URL starts with it.
/// </summary>
public sealed class AllowedHostsTests
{
    private const string PublicBaseUrl = "https://mail.example.com/mailstrom";

    public static TheoryData<string, string> EveryRoute => new()
    {
        { "POST", Api.Emails },
        { "GET", Api.Emails },
        { "GET", $"{Api.Emails}/0123456789abcdef0123456789abcdef" },
        { "POST", $"{Api.Emails}/0123456789abcdef0123456789abcdef/terminate" },
        { "DELETE", $"{Api.Emails}/0123456789abcdef0123456789abcdef" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/api/nowhere" },
    };

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task ByDefault_AnotherHost_IsRefusedWith400NamingHost_OnEveryRoute_WithoutEchoingIt(string method, string path)
    {
        using var app = ServerApp.Create();
        using var client = app.CreateApiClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"http://evil.example:7071{path}");
        if (method == "POST")
        {
            request.Content = Api.JsonContent(Api.Json());
        }

        using var response = await client.SendAsync(request);

        var problem = await Api.AssertProblemAsync(response, 400, "Host");
        Assert.DoesNotContain("evil", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
        Assert.Empty(await ListAsync(client));
        Assert.Contains(app.Logs, l => l.EventId.Id == 2210);
    }

    [Fact]
    public async Task Health_IsServedOnAnyHost()
    {
        using var app = ServerApp.Create();
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync("http://10.0.0.7:8080/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WithAPublicBaseUrl_EveryReturnedUrlStartsWithIt_WhateverHostTheClientSent()
    {
        using var app = ServerApp.Create(settings: new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["Mailstrom:Api:PublicBaseUrl"] = PublicBaseUrl + "/",
        });
        using var client = app.CreateApiClient();
        using var create = new HttpRequestMessage(HttpMethod.Post, "http://evil.example/api/emails") { Content = Api.JsonContent(Api.Json()) };
        create.Headers.Add("X-Forwarded-Host", "evil.example");

        using var created = await client.SendAsync(create);
        using var body = await Api.ReadJsonAsync(created);
        var id = body.RootElement.GetProperty("id").GetString()!;
        using var status = await client.GetAsync($"http://evil.example/api/emails/{id}");
        using var terminated = await client.PostAsync($"http://evil.example/api/emails/{id}/terminate?reason=x", null);

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        string[] urls =
        [
            created.Headers.Location!.ToString(), status.Headers.Location!.ToString(), terminated.Headers.Location!.ToString(),
            .. body.RootElement.EnumerateObject().Where(p => p.Name.EndsWith("Uri", StringComparison.Ordinal)).Select(p => p.Value.GetString()!),
        ];
        Assert.Equal(6, urls.Length);
        Assert.All(urls, url => Assert.StartsWith($"{PublicBaseUrl}/api/emails/{id}", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForwardedHeaders_AreNotApplied_UnlessTheOperatorEnablesThem()
    {
        using var app = ServerApp.Create();
        using var client = app.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.Emails) { Content = Api.JsonContent(Api.Json()) };
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Forwarded", "host=evil.example;proto=https");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("http://localhost/api/emails/", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("evil", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyHostWithoutAPublicBaseUrl_IsServed_WithAStartUpWarning()
    {
        using var app = ServerApp.Create(settings: new Dictionary<string, string?> { ["AllowedHosts"] = "*" });
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync("http://anything.example/api/emails");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.Logs, l => l.EventId.Id == 2009);
    }

    [Fact]
    public async Task TheDefaultConfiguration_LogsNoWarningAboutHosts()
    {
        using var app = ServerApp.Create();
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(Api.Emails);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(app.Logs, l => l.EventId.Id == 2009);
    }

    [Theory]
    [InlineData("AllowedHosts", "https://mail.example.com", "AllowedHosts entry 'https://mail.example.com'")]
    [InlineData("AllowedHosts", ";", "AllowedHosts lists no host")]
    [InlineData("Mailstrom:Api:PublicBaseUrl", "mail.example.com", "Mailstrom:Api:PublicBaseUrl 'mail.example.com'")]
    [InlineData("Mailstrom:Api:MaxListResponseBytes", "1000", "MaxListResponseBytes")]
    public void AnInvalidSetting_FailsStartUp_NamingIt(string key, string value, string message)
    {
        using var app = ServerApp.Create(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateApiClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient client)
    {
        using var list = await client.GetAsync(Api.Emails);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var body = await Api.ReadJsonAsync(list);
        return [.. body.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
