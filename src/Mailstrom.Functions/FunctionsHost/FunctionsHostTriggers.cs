using System.Globalization;
using Azure;
using Mailstrom.DependencyInjection;
using Mailstrom.Functions.Diagnostics;
using Mailstrom.Hosting;
using Mailstrom.Storage;
using Mailstrom.Storage.AzureStorage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.FunctionsHost;

/// <summary>
/// The non-HTTP functions the Functions host invokes in custom-handler mode: <c>deliver</c> (a queue trigger on the
/// Azure Storage work queue, one recipient's wake-up per message) and <c>sweep</c> (a timer trigger running the store's
/// safety net for lost messages). A 200 answer makes the host complete the message; any other status makes it retry
/// the message later and move it to its poison queue after the host's <c>maxDequeueCount</c>.
/// </summary>
internal static class FunctionsHostTriggers
{
    /// <summary>The queue-triggered function's name, and so its path.</summary>
    public const string DeliverFunction = "deliver";

    /// <summary>The timer-triggered function's name, and so its path.</summary>
    public const string SweepFunction = "sweep";

    /// <summary>The queue trigger's binding name in <c>deliver/function.json</c>.</summary>
    public const string MessageBinding = "message";

    /// <summary>The largest invocation body read: a 64 KiB message, its metadata and JSON escaping.</summary>
    public const long InvocationBodyLimit = 512 * 1024;

    /// <summary>Maps <c>POST /deliver</c> and <c>POST /sweep</c>; only called in custom-handler mode, where the app
    /// listens on loopback for the host alone.</summary>
    /// <param name="app">The endpoint route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapFunctionsHostTriggers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/" + DeliverFunction, DeliverAsync).ExcludeFromDescription().WithMetadata(new RequestSizeLimitAttribute(InvocationBodyLimit));
        app.MapPost("/" + SweepFunction, SweepAsync).ExcludeFromDescription().WithMetadata(new RequestSizeLimitAttribute(InvocationBodyLimit));
        return app;
    }

    /// <summary>Claims the message's recipient, delivers it, records the result, and answers the host.</summary>
    internal static async Task<IResult> DeliverAsync(
        InvocationRequest invocation,
        IServiceProvider services,
        TriggeredDelivery delivery,
        TimeProvider timeProvider,
        IOptions<MailstromOptions> options,
        ILoggerFactory loggers,
        HttpContext context)
    {
        var logger = loggers.CreateLogger(typeof(FunctionsHostTriggers).FullName!);
        if (services.GetService<AzureStorageMailstromStore>() is not { } store)
        {
            return Answer(StatusCodes.Status500InternalServerError,
                "The deliver function needs the Azure Storage store (Mailstrom:Storage:Provider=AzureStorage).");
        }

        if (!QueueTriggerReader.TryRead(invocation, MessageBinding, out var message, out var problem))
        {
            Log.InvocationRefused(logger, DeliverFunction, problem!);
            return Answer(StatusCodes.Status400BadRequest, "Not a queue-trigger invocation: " + problem);
        }

        IReadOnlyList<DeliveryWorkItem> claimed;
        try
        {
            claimed = await store.ClaimTriggeredAsync(message!, timeProvider.GetUtcNow(), options.Value.Delivery.LeaseDuration, context.RequestAborted);
        }
        catch (RequestFailedException ex)
        {
            Log.TriggerStoreRefused(logger, message!.MessageId, ex.Status);
            return Answer(StatusCodes.Status503ServiceUnavailable,
                Invariant($"The store refused a request (status {ex.Status}); the message will be retried."));
        }

        if (claimed.Count == 0)
        {
            return Answer(StatusCodes.Status200OK, $"Work message {message!.MessageId}: nothing to deliver now.");
        }

        var results = await delivery.RunAsync(claimed, context.RequestAborted);
        if (results is null)
        {
            return Answer(StatusCodes.Status500InternalServerError,
                $"Work message {message!.MessageId}: the attempt was not recorded; it will be retried when the lease lapses.");
        }

        return Answer(StatusCodes.Status200OK, [.. results.Select(r => Invariant(
            $"Email {r.EmailId}, recipient {r.Ordinal}: {r.State.Status} after attempt {r.State.Attempts}{Reply(r.State.SmtpCode, r.State.EnhancedStatusCode)}."))]);
    }

    /// <summary>Runs one page of the store's sweep for lost work messages.</summary>
    internal static async Task<IResult> SweepAsync(IServiceProvider services, HttpContext context)
    {
        if (services.GetService<AzureStorageMailstromStore>() is not { } store)
        {
            return Answer(StatusCodes.Status200OK, "Nothing to sweep: the store has no work queue.");
        }

        try
        {
            var restored = await store.SweepAsync(context.RequestAborted);
            return Answer(StatusCodes.Status200OK, Invariant($"Sweep done: {restored} recipient(s) got a fresh work message."));
        }
        catch (RequestFailedException ex)
        {
            return Answer(StatusCodes.Status503ServiceUnavailable, Invariant($"The store refused a request (status {ex.Status})."));
        }
    }

    private static string Reply(int? code, string? enhanced) =>
        code is null ? string.Empty : Invariant($" ({code}{(enhanced is null ? string.Empty : " " + enhanced)})");

    private static IResult Answer(int status, params string[] logs) => Results.Json(new InvocationResponse(logs), statusCode: status);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
