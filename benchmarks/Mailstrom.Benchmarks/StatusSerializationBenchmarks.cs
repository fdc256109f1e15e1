using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Mailstrom.Contracts;
using Mailstrom.Model;

namespace Mailstrom.Benchmarks;

/// <summary>
/// The status payload of <c>GET /api/emails/{id}</c>: <see cref="EmailStatusResponse.From"/> plus System.Text.Json with
/// the web defaults ASP.NET Core uses.
/// </summary>
public class StatusSerializationBenchmarks
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private EmailStatus _status = null!;

    [Params(1, 10)]
    public int Recipients { get; set; }

    [GlobalSetup]
    public void Setup() => _status = BenchmarkData.Status(Recipients);

    [Benchmark]
    public byte[] FromAndSerialize() => JsonSerializer.SerializeToUtf8Bytes(EmailStatusResponse.From(_status), Web);
}
