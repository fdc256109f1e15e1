using BenchmarkDotNet.Attributes;
using Mailstrom.Delivery;
using Mailstrom.Model;
using Mailstrom.Orchestration;
using Mailstrom.Retry;

namespace Mailstrom.Benchmarks;

/// <summary>The pure retry decision (<see cref="RecipientTransitions.Apply"/>), once per recipient per attempt.</summary>
public class RetryDecisionBenchmarks
{
    private static readonly RetryOptions Retry = new();
    private static readonly RecipientStatus Queued = new("rcpt@example.org", DeliveryStatus.Queued);
    private static readonly AttemptOutcome Delivered = new(AttemptOutcomeKind.Delivered, 250, "2.0.0", "2.0.0 Ok: queued", "mx.example.org");
    private static readonly AttemptOutcome Transient = new(AttemptOutcomeKind.Transient, 451, "4.7.1", "4.7.1 Try again later", "mx.example.org");

    [Benchmark(Baseline = true)]
    public RecipientStatus Deliver() =>
        RecipientTransitions.Apply(Queued, Delivered, BenchmarkData.Now, BenchmarkData.Now.AddSeconds(1), Retry, 0.5);

    [Benchmark]
    public RecipientStatus Defer() =>
        RecipientTransitions.Apply(Queued, Transient, BenchmarkData.Now, BenchmarkData.Now.AddSeconds(1), Retry, 0.5);
}
