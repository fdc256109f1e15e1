using BenchmarkDotNet.Attributes;
using Mailstrom.Composition;
using Mailstrom.Model;
using Microsoft.Extensions.Options;

namespace Mailstrom.Benchmarks;

/// <summary>Validating and composing a JSON-submitted email into stored MIME bytes (<see cref="EmailComposer.Compose(EmailRequest, string)"/>).</summary>
public class CompositionBenchmarks
{
    private readonly EmailComposer _composer = new(Options.Create(new MailstromOptions { HeloName = "mail.example.net" }), TimeProvider.System);
    private EmailRequest _request = null!;

    [Params(1, 10)]
    public int Recipients { get; set; }

    [GlobalSetup]
    public void Setup() => _request = BenchmarkData.Request(Recipients);

    [Benchmark]
    public ComposedEmail Compose() => _composer.Compose(_request, "0123456789abcdef0123456789abcdef");
}
