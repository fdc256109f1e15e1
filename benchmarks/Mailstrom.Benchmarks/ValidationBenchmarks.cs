using BenchmarkDotNet.Attributes;
using Mailstrom.Composition;

namespace Mailstrom.Benchmarks;

/// <summary>Address parsing and validation (<see cref="AddressParser.TryParse"/>), once per sender and recipient.</summary>
public class ValidationBenchmarks
{
    [Benchmark(Baseline = true)]
    public bool Plain() => AddressParser.TryParse("rcpt@example.org", out _, out _);

    [Benchmark]
    public bool WithDisplayName() => AddressParser.TryParse("\"Load Test\" <loadtest@sender.example.com>", out _, out _);

    [Benchmark]
    public bool International() => AddressParser.TryParse("José <josé@exämple.org>", out _, out _);

    [Benchmark]
    public bool Invalid() => AddressParser.TryParse("not an address", out _, out _);
}
