using System.Text.Json;
using Mailstrom.Functions.FunctionsHost;

namespace Mailstrom.Functions.Tests.FunctionsHost;

public sealed class QueueTriggerReaderTests
{
    private const string Documented = """
        {
          "Data": { "message": "0123456789abcdef|3" },
          "Metadata": {
            "DequeueCount": 2,
            "ExpirationTime": "2026-11-30T10:00:00+00:00",
            "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
            "InsertionTime": "2026-11-23T10:00:00+00:00",
            "NextVisibleTime": "2026-11-23T10:10:00+00:00",
            "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
            "sys": { "MethodName": "deliver", "UtcNow": "2026-11-23T10:00:01Z", "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" }
          }
        }
        """;

    [Fact]
    public void TryRead_TheDocumentedPayload_ReadsBodyAndQueueMetadata()
    {
        Assert.True(QueueTriggerReader.TryRead(Parse(Documented), "message", out var message, out var problem), problem);

        Assert.Equal("0123456789abcdef|3", message!.Text);
        Assert.Equal("800ae4b3-bdd2-4c08-badd-f08e5a34b865", message.MessageId);
        Assert.Equal("AgAAAAMAAAAAAAAAAgtnj8x+1QE=", message.PopReceipt);
        Assert.Equal(2, message.DequeueCount);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), message.InsertedOn);
    }

    [Fact]
    public void TryRead_ValuesEncodedAsJsonTextTwice_AreDecodedOnce()
    {
        var payload = Parse("""
            {
              "Data": { "message": "\"0123456789abcdef|3\"" },
              "Metadata": { "DequeueCount": "\"1\"", "Id": "\"m-1\"", "PopReceipt": "\"pop\"", "InsertionTime": "\"2026-11-23T10:00:00Z\"" }
            }
            """);

        Assert.True(QueueTriggerReader.TryRead(payload, "message", out var message, out var problem), problem);
        Assert.Equal(("0123456789abcdef|3", "m-1", "pop", 1L), (message!.Text, message.MessageId, message.PopReceipt, message.DequeueCount));
    }

    [Theory]
    [InlineData("""{ "Metadata": { "Id": "m", "PopReceipt": "p", "DequeueCount": 1 } }""", "Data.message is missing.")]
    [InlineData("""{ "Data": { "other": "x|0" }, "Metadata": { "Id": "m", "PopReceipt": "p", "DequeueCount": 1 } }""", "Data.message is missing.")]
    [InlineData("""{ "Data": { "message": "" }, "Metadata": { "Id": "m", "PopReceipt": "p", "DequeueCount": 1 } }""", "Data.message must be 1 to 65536 characters.")]
    [InlineData("""{ "Data": { "message": "x|0" } }""", "Metadata.Id is missing.")]
    [InlineData("""{ "Data": { "message": "x|0" }, "Metadata": { "Id": 7, "PopReceipt": "p", "DequeueCount": 1 } }""", "Metadata.Id is missing.")]
    [InlineData("""{ "Data": { "message": "x|0" }, "Metadata": { "Id": "m", "DequeueCount": 1 } }""", "Metadata.PopReceipt is missing.")]
    [InlineData("""{ "Data": { "message": "x|0" }, "Metadata": { "Id": "m", "PopReceipt": "p" } }""", "Metadata.DequeueCount is missing or not a non-negative integer.")]
    [InlineData("""{ "Data": { "message": "x|0" }, "Metadata": { "Id": "m", "PopReceipt": "p", "DequeueCount": -1 } }""", "Metadata.DequeueCount is missing or not a non-negative integer.")]
    [InlineData("""{ "Data": { "message": "x|0" }, "Metadata": { "Id": "m", "PopReceipt": "p", "DequeueCount": "two" } }""", "Metadata.DequeueCount is missing or not a non-negative integer.")]
    [InlineData("""{ "Data": { "message": "x|0" }, "Metadata": { "Id": "m", "PopReceipt": "p", "DequeueCount": 1, "InsertionTime": "yesterday" } }""", "Metadata.InsertionTime is not a date and time.")]
    public void TryRead_AnIncompletePayload_NamesTheMissingPart(string json, string expected)
    {
        Assert.False(QueueTriggerReader.TryRead(Parse(json), "message", out var message, out var problem));
        Assert.Null(message);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void TryRead_ABodyOverTheQueueLimit_IsRefused()
    {
        var payload = Parse($$"""{ "Data": { "message": "{{new string('a', QueueTriggerReader.MaxBodyLength + 1)}}" }, "Metadata": { "Id": "m", "PopReceipt": "p", "DequeueCount": 1 } }""");
        Assert.False(QueueTriggerReader.TryRead(payload, "message", out _, out var problem));
        Assert.Equal("Data.message must be 1 to 65536 characters.", problem);
    }

    private static InvocationRequest Parse(string json) =>
        JsonSerializer.Deserialize<InvocationRequest>(json, JsonSerializerOptions.Web)!;
}
