using System.Security.Claims;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;

namespace Mailstrom.Functions.Tests.Infrastructure;

/// <summary>An <see cref="HttpRequestData"/> that has only a URL: what the Durable extension reads to build its URLs.</summary>
internal sealed class UrlOnlyRequestData(Uri url) : HttpRequestData(new NoFunctionContext())
{
    public override Stream Body { get; } = Stream.Null;

    public override HttpHeadersCollection Headers { get; } = [];

    public override IReadOnlyCollection<IHttpCookie> Cookies { get; } = [];

    public override Uri Url { get; } = url;

    public override IEnumerable<ClaimsIdentity> Identities { get; } = [];

    public override string Method => "POST";

    public override HttpResponseData CreateResponse() => throw new NotSupportedException();

    private sealed class NoFunctionContext : FunctionContext
    {
        public override string InvocationId => throw new NotSupportedException();

        public override string FunctionId => throw new NotSupportedException();

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IDictionary<object, object> Items { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
