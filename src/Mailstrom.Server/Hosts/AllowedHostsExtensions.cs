using Mailstrom.Http.Links;
using Microsoft.AspNetCore.HostFiltering;

namespace Mailstrom.Server.Hosts;

/// <summary>Registers and applies the server's host check.</summary>
internal static class AllowedHostsExtensions
{
    /// <summary>
    /// Adds <see cref="PublicOrigin"/> (<c>AllowedHosts</c>, <c>Mailstrom:Api:PublicBaseUrl</c>, validated at start-up),
    /// which <see cref="UseAllowedHosts"/> enforces. ASP.NET Core's own host filtering reads the same <c>AllowedHosts</c>
    /// setting but answers with an HTML page, runs before forwarded headers are applied and logs the raw host; it is
    /// told to let every host through, so that the one check is ours. A warning is logged at start-up when any host is
    /// allowed and no public base URL is set.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddAllowedHosts(this IServiceCollection services)
    {
        services.AddPublicUrls();
        services.AddHostedService<PublicUrlStartupCheck>();
        services.Configure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);
        return services;
    }

    /// <summary>Refuses requests whose host is not allowed (<see cref="AllowedHostsMiddleware"/>).</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static IApplicationBuilder UseAllowedHosts(this IApplicationBuilder app) => app.UseMiddleware<AllowedHostsMiddleware>();
}
