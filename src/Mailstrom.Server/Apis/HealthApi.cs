using Mailstrom.Server.Contracts;
using Mailstrom.Server.Hosts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailstrom.Server.Apis;

/// <summary>The liveness endpoint, served without a key and on any host for load balancers and deployment checks.</summary>
public static class HealthApi
{
    /// <summary>The route.</summary>
    public const string Path = "/api/health";

    /// <summary>Maps <c>GET /api/health</c>.</summary>
    /// <param name="app">The endpoint route builder.</param>
    /// <returns>The endpoint.</returns>
    public static RouteHandlerBuilder MapHealthApi(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, GetHealth)
            .WithName(nameof(GetHealth))
            .WithTags("Health")
            .WithSummary("Liveness")
            .WithDescription("Answers 200 {\"status\":\"Healthy\"} while the app is running. Needs no key, and is served on any host.")
            .WithMetadata(AnyHostAllowed.Instance)
            .AllowAnonymous();

    /// <summary>Reports that the app is running.</summary>
    /// <returns>200 <c>{"status":"Healthy"}</c>.</returns>
    internal static Ok<HealthResponse> GetHealth() => TypedResults.Ok(new HealthResponse("Healthy"));
}
