using Mailstrom.Contracts;
using Mailstrom.Http.Bodies;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mailstrom.Server.Apis;

/// <summary>
/// Describes the request body of <c>POST /api/emails</c> in the OpenAPI document. The handler reads the body itself
/// (to enforce the size limit before buffering and to hash the raw bytes), so the body is described here rather than
/// with <c>Accepts</c> metadata, which would also let routing refuse other media types without naming the header.
/// </summary>
internal static class CreateEmailOpenApi
{
    /// <summary>Adds the JSON and raw MIME request bodies to the operation.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="context">The transformer context.</param>
    /// <param name="cancellationToken">Cancels schema generation.</param>
    /// <returns>A task.</returns>
    public static async Task DescribeRequestBody(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var jsonSchema = await context.GetOrCreateSchemaAsync(typeof(SendEmailRequest), null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The email as JSON, or an already composed message as raw MIME.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [EmailMediaTypes.Json] = new() { Schema = jsonSchema },
                [EmailMediaTypes.Rfc822] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
    }
}
