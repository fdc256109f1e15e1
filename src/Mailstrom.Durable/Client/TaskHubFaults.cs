using Azure;
using Grpc.Core;
using Mailstrom.Storage;

namespace Mailstrom.Durable.Client;

/// <summary>
/// Which failures of the task hub (reached over gRPC) and of the content store (Azure Storage) mean "cannot serve now,
/// try later" rather than a fault in the call.
/// </summary>
internal static class TaskHubFaults
{
    /// <summary>Whether <paramref name="exception"/> says the task hub or its storage cannot serve now.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted,
        RequestFailedException storage => storage.Status is 0 or 408 or 429 or >= 500,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    /// <summary>The engine's <see cref="StoreUnavailableException"/> for <paramref name="exception"/>.</summary>
    public static StoreUnavailableException ToUnavailable(Exception exception) =>
        new("The task hub or its storage account cannot serve the call now; try again later.", exception);

    /// <summary>Runs <paramref name="call"/>, turning a failure that means "try later" into <see cref="StoreUnavailableException"/>.</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not OperationCanceledException && IsUnavailable(ex))
        {
            throw ToUnavailable(ex);
        }
    }
}
