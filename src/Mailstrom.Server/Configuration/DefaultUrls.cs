namespace Mailstrom.Server.Configuration;

/// <summary>Listens where Azure Functions apps listen locally (port 7071), unless the operator chose otherwise.</summary>
internal static class DefaultUrls
{
    /// <summary>The default address: the Azure Functions local default.</summary>
    public const string Local = "http://localhost:7071";

    /// <summary>
    /// Applies <see cref="Local"/> when no address is configured: not by <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>DOTNET_URLS</c>, a <c>urls</c>, <c>http_ports</c> or <c>https_ports</c> setting, nor <c>Kestrel:Endpoints</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder UseDefaultUrlWhenUnset(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = !string.IsNullOrWhiteSpace(configuration["urls"])
            || !string.IsNullOrWhiteSpace(configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!configured)
        {
            builder.WebHost.UseUrls(Local);
        }

        return builder;
    }
}
