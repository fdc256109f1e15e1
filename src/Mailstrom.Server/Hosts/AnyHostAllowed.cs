namespace Mailstrom.Server.Hosts;

/// <summary>
/// Endpoint metadata: the endpoint is served whatever the request's <c>Host</c>, because it returns no URL and nothing
/// that depends on the caller (the liveness endpoint: load balancers and orchestrators probe it on an address, not on the
/// public name).
/// </summary>
public sealed class AnyHostAllowed
{
    /// <summary>The one instance.</summary>
    public static AnyHostAllowed Instance { get; } = new();

    private AnyHostAllowed()
    {
    }
}
