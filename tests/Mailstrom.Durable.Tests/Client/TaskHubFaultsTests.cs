using Azure;
using Grpc.Core;
using Grpc.Net.Client;
using Mailstrom.Composition;
using Mailstrom.Delivery;
using Mailstrom.Durable.Client;
using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Model;
using Mailstrom.Submission;
using Mailstrom.Retry;
using Mailstrom.Storage;
using Mailstrom.Testing.Durable;
using Mailstrom.Testing.Processes;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Durable.Tests.Client;

public sealed class TaskHubFaultsTests
{
    public static TheoryData<Exception, bool> Faults => new()
    {
        { new RpcException(new Status(StatusCode.Unavailable, "no sidecar")), true },
        { new RpcException(new Status(StatusCode.DeadlineExceeded, "slow")), true },
        { new RpcException(new Status(StatusCode.InvalidArgument, "bad query")), false },
        { new RequestFailedException(503, "server busy"), true },
        { new RequestFailedException(0, "connection refused"), true },
        { new RequestFailedException(429, "throttled"), true },
        { new RequestFailedException(404, "no such blob"), false },
        { new InvalidOperationException("wrapped", new RequestFailedException(500, "internal")), true },
        { new InvalidOperationException("a bug"), false },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void IsUnavailable_TellsTryLaterFromAFaultInTheCall(Exception exception, bool unavailable) =>
        Assert.Equal(unavailable, TaskHubFaults.IsUnavailable(exception));

    [Fact]
    public async Task EveryCall_WhenTheTaskHubCannotBeReached_IsStoreUnavailable_WithTheCause()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var client = new GrpcDurableTaskClient("unreachable", new GrpcDurableTaskClientOptions { Channel = channel }, NullLogger.Instance);
        var engine = new DurableMailstrom(client, new EmailComposer(Options.Create(new MailstromOptions()), TimeProvider.System),
            new MemoryContentStore(), Options.Create(new RetryOptions()), Options.Create(new DeliveryOptions()), TimeProvider.System);
        var id = EmailIds.New();

        Exception[] errors =
        [
            await Assert.ThrowsAsync<StoreUnavailableException>(() => engine.GetStatusAsync(id)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => engine.TerminateAsync(id, null)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => engine.PurgeAsync(id)),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => engine.ListAsync(new EmailQuery())),
            await Assert.ThrowsAsync<StoreUnavailableException>(() => engine.SendAsync(DurableTestEngine.Email("a@a.test"))),
        ];

        Assert.All(errors, e => Assert.Equal(StatusCode.Unavailable, Assert.IsType<RpcException>(e.InnerException).StatusCode));
    }
}
