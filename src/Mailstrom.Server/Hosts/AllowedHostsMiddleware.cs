using Mailstrom.Http.Links;

namespace Mailstrom.Server.Hosts;

/// <summary>
/// Refuses, with 400 problem details naming <c>Host</c>, every request whose <c>Host</c> is missing, empty or not in
/// <c>AllowedHosts</c> (<see cref="PublicOrigin"/>), before authentication and the API run; an endpoint marked
/// <see cref="AnyHostAllowed"/> is served on any host. It runs after forwarded headers are applied (when an operator
/// enables them), so a forwarded host is checked as well. Besides keeping a client's host out of the returned URLs, it
/// keeps a web page whose name was rebound to 127.0.0.1 from reaching a server that serves loopback clients without a key.
/// </summary>
internal sealed class AllowedHostsMiddleware(RequestDelegate next, PublicOrigin origin)
{
    public Task InvokeAsync(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AnyHostAllowed>() is null && origin.Refuse(context.Request) is { } problem
            ? problem.ToResult().ExecuteAsync(context)
            : next(context);
}
