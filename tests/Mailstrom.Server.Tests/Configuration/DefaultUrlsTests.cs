using Mailstrom.Server.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Mailstrom.Server.Tests.Configuration;

public sealed class DefaultUrlsTests
{
    [Fact]
    public void NothingConfigured_ListensOnLocalhost7071()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });

        builder.UseDefaultUrlWhenUnset();

        Assert.Equal("http://localhost:7071", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void UrlsOnTheCommandLine_AreKept()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:5099"] });

        builder.UseDefaultUrlWhenUnset();

        Assert.Equal("http://127.0.0.1:5099", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void HttpPortsConfigured_NoDefaultUrlIsForced()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--http_ports", "8080"] });

        builder.UseDefaultUrlWhenUnset();

        Assert.True(string.IsNullOrEmpty(builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey)));
    }
}
