namespace Mailstrom.Server.Apis;

/// <summary>Registers the OpenAPI document served at <c>/openapi/v1.json</c>.</summary>
internal static class OpenApiServiceCollectionExtensions
{
    /// <summary>Adds the document with the API's title and description.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddEmailsApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Mailstrom";
            document.Info.Description =
                "Submit email and follow every recipient's delivery, with an HTTP API shaped like Azure Durable " +
                "Functions'. Every route except /api/health needs a function key in the x-functions-key header or the " +
                "code query parameter (with no key configured, only loopback clients are served); so does this document.";
            return Task.CompletedTask;
        }));
}
