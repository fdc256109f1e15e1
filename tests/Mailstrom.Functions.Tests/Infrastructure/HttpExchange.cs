using System.Text;
using System.Text.Json;
using Mailstrom.Functions.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailstrom.Functions.Tests.Infrastructure;

/// <summary>
/// One request to an HTTP function as the worker's ASP.NET Core integration hands it over (an <see cref="HttpRequest"/>
/// whose <c>RequestServices</c> is a scope of the app's container), and the answer: the function's <see cref="IResult"/>
/// executed against the same <see cref="HttpContext"/>, as the proxying middleware does.
/// </summary>
internal sealed class HttpExchange
{
    /// <summary>The public host name the requests arrive on.</summary>
    public const string Host = "mailstrom.example.net";

    private HttpExchange(HttpContext context)
    {
        Context = context;
    }

    public HttpContext Context { get; }

    public HttpRequest Request => Context.Request;

    public static HttpExchange Create(IServiceProvider requestServices, string method, string target, string? contentType = null, byte[]? body = null)
    {
        var context = new DefaultHttpContext { RequestServices = requestServices };
        var request = context.Request;
        request.Method = method;
        request.Scheme = "https";
        request.Host = new HostString(Host);
        var query = target.IndexOf('?', StringComparison.Ordinal);
        request.Path = query < 0 ? target : target[..query];
        request.QueryString = query < 0 ? QueryString.Empty : new QueryString(target[query..]);
        if (contentType is not null)
        {
            request.ContentType = contentType;
        }

        if (body is not null)
        {
            request.Body = new MemoryStream(body);
            request.ContentLength = body.Length;
        }

        context.Response.Body = new MemoryStream();
        return new HttpExchange(context);
    }

    public HttpExchange WithHeader(string name, string value)
    {
        Request.Headers.Append(name, value);
        return this;
    }

    /// <summary>
    /// Runs an HTTP function as the worker does, inside <see cref="HttpFailureMiddleware"/> (which answers the exceptions
    /// that escape it), and reads its answer back.
    /// </summary>
    public async Task<HttpAnswer> InvokeAsync<TResult>(Func<Task<TResult>> function)
        where TResult : IResult
    {
        ArgumentNullException.ThrowIfNull(function);
        IResult? result = null;
        var failure = await new HttpFailureMiddleware(NullLogger<HttpFailureMiddleware>.Instance)
            .RunAsync(Context, "function", async () => result = await function());
        return await AnswerAsync(failure ?? result!);
    }

    /// <summary>Writes <paramref name="result"/> to the response and reads it back.</summary>
    public async Task<HttpAnswer> AnswerAsync(IResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        await result.ExecuteAsync(Context);
        var text = Encoding.UTF8.GetString(((MemoryStream)Context.Response.Body).ToArray());
        return new HttpAnswer(Context.Response.StatusCode, Context.Response.Headers, Context.Response.ContentType, text);
    }
}

/// <summary>What an HTTP function answered: status, headers and body.</summary>
internal sealed record HttpAnswer(int Status, IHeaderDictionary Headers, string? ContentType, string Body)
{
    /// <summary>The body as JSON.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string[] PropertyNames => [.. Json.EnumerateObject().Select(p => p.Name)];

    /// <summary>Asserts an RFC 9457 problem with the status and, when given, the field; returns the problem.</summary>
    public JsonElement AssertProblem(int status, string? field = null)
    {
        Assert.True(Status == status, $"expected {status}, got {Status}: {Body}");
        Assert.Equal("application/problem+json", ContentType);
        var problem = Json;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        return problem;
    }
}
