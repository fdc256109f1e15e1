using System.Net;
using System.Text;
using Mailstrom.Server.Tests.Infrastructure;

namespace Mailstrom.Server.Tests.Apis;

public sealed class RequestLimitTests : IDisposable
{
    private const int MaxMessageBytes = 4096;

    // JSON may be 4/3 of the message limit plus 64 KiB of JSON overhead; raw MIME may be the limit itself.
    private const long JsonBodyLimit = ((MaxMessageBytes + 2) / 3 * 4) + (64 * 1024);

    private readonly ServerApp _app = ServerApp.Create(settings: new Dictionary<string, string?>
    {
        ["Mailstrom:Limits:MaxMessageBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mailstrom:Limits:MaxRecipients"] = "3",
    });

    private readonly HttpClient _client;

    public RequestLimitTests() => _client = _app.CreateApiClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task ContentLengthOverTheLimit_Is413ProblemNamingBody_WithoutReadingTheBody()
    {
        using var content = new ByteArrayContent(new byte[JsonBodyLimit + 1]);
        content.Headers.ContentType = new("application/json");

        using var response = await _client.PostAsync(Api.Emails, content);

        await Api.AssertProblemAsync(response, 413, "body");
        Assert.Equal(0, _app.BodyCounter.Bytes);
    }

    [Fact]
    public async Task RawMimeContentLengthOverTheLimit_Is413ProblemNamingBody()
    {
        using var content = new ByteArrayContent(new byte[MaxMessageBytes + 1]);
        content.Headers.ContentType = new("message/rfc822");

        using var response = await _client.PostAsync(Api.Emails, content);

        await Api.AssertProblemAsync(response, 413, "body");
        Assert.Equal(0, _app.BodyCounter.Bytes);
    }

    [Fact]
    public async Task ChunkedBodyGrowingPastTheLimit_IsCutOffWith413Problem()
    {
        const long offered = JsonBodyLimit * 8;
        var content = new UnknownLengthContent(offered, "application/json");

        using var response = await _client.PostAsync(Api.Emails, content);

        await Api.AssertProblemAsync(response, 413, "body");
        Assert.Null(content.Headers.ContentLength);
        Assert.InRange(_app.BodyCounter.Bytes, JsonBodyLimit, JsonBodyLimit + (128 * 1024));
    }

    [Fact]
    public async Task ChunkedBodyWithinTheLimit_IsAccepted()
    {
        var json = Encoding.UTF8.GetBytes(Api.Json("Chunked"));
        var content = new UnknownLengthContent(json, "application/json");

        using var response = await _client.PostAsync(Api.Emails, content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task ComposedMessageOverTheLimit_Is413ProblemFromTheComposer()
    {
        // The JSON body is under its cap, but the composed message exceeds MaxMessageBytes.
        var text = new string('x', MaxMessageBytes * 2);
        var json = $"{{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"],\"text\":\"{text}\"}}";

        using var response = await _client.PostJsonAsync(json);

        await Api.AssertProblemAsync(response, 413, "body");
    }

    [Fact]
    public async Task TooManyRecipients_Is400ProblemNamingTo()
    {
        using var response = await _client.PostJsonAsync(
            Api.Json("Many", "a@example.com", "b@example.com", "c@example.com", "d@example.com"));

        var problem = await Api.AssertProblemAsync(response, 400);
        Assert.StartsWith("to", problem.GetProperty("field").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A body sent without Content-Length (chunked), produced a chunk at a time.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[]? _bytes;
        private readonly long _length;

        public UnknownLengthContent(long length, string mediaType)
        {
            _length = length;
            Headers.ContentType = new(mediaType);
        }

        public UnknownLengthContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            _length = bytes.Length;
            Headers.ContentType = new(mediaType);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            if (_bytes is not null)
            {
                await stream.WriteAsync(_bytes);
                return;
            }

            var chunk = new byte[16 * 1024];
            chunk.AsSpan().Fill((byte)' ');
            for (long sent = 0; sent < _length; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk);
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
