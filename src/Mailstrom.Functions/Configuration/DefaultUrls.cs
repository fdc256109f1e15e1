namespace Mailstrom.Functions.Configuration;

/// <summary>Listens where the Azure Functions host listens locally, unless the operator chose otherwise.</summary>
internal static class DefaultUrls
{
    /// <summary>The Azure Functions local default.</summary>
    public const string Functions = "http://localhost:7071";

    /// <summary>
    /// Applies <see cref="Functions"/> when no address is configured: not by <c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>DOTNET_URLS</c>, a <c>urls</c>, <c>http_ports</c> or <c>https_ports</c> setting, nor <c>Kestrel:Endpoints</c>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder UseFunctionsUrlByDefault(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = !string.IsNullOrWhiteSpace(configuration["urls"])
            || !string.IsNullOrWhiteSpace(configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!configured)
        {
            builder.WebHost.UseUrls(Functions);
        }

        return builder;
    }
}
