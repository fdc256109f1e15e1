using System.Globalization;
using System.Text.Json;
using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Functions.FunctionsHost;

/// <summary>
/// Reads a queue-trigger invocation: the message body from <c>Data[binding]</c> and the queue metadata. Values are
/// taken as the host documents them (strings, and a number for <c>DequeueCount</c>); a value the host encoded as JSON
/// text a second time (a quoted string inside the string) is decoded once more.
/// </summary>
internal static class QueueTriggerReader
{
    /// <summary>The largest queue message body accepted (Azure Queues' limit is 64 KiB).</summary>
    public const int MaxBodyLength = 64 * 1024;

    /// <summary>Reads the work message of an invocation.</summary>
    /// <param name="invocation">The invocation.</param>
    /// <param name="binding">The trigger's binding name in <c>function.json</c>.</param>
    /// <param name="message">The message, when it could be read.</param>
    /// <param name="problem">Why it could not be read: names the missing or invalid part, never its value.</param>
    /// <returns><see langword="true"/> when <paramref name="message"/> was read.</returns>
    public static bool TryRead(InvocationRequest invocation, string binding, out TriggeredWorkMessage? message, out string? problem)
    {
        message = null;
        if (invocation.Data is null || !invocation.Data.TryGetValue(binding, out var data))
        {
            problem = $"Data.{binding} is missing.";
            return false;
        }

        var body = data.ValueKind == JsonValueKind.String ? Unwrap(data.GetString()!) : data.GetRawText();
        if (body.Length is 0 or > MaxBodyLength)
        {
            problem = $"Data.{binding} must be 1 to {MaxBodyLength} characters.";
            return false;
        }

        var metadata = invocation.Metadata;
        if (Text(metadata, "Id") is not { Length: > 0 } id)
        {
            problem = "Metadata.Id is missing.";
            return false;
        }

        if (Text(metadata, "PopReceipt") is not { Length: > 0 } popReceipt)
        {
            problem = "Metadata.PopReceipt is missing.";
            return false;
        }

        if (!TryCount(metadata, "DequeueCount", out var dequeueCount))
        {
            problem = "Metadata.DequeueCount is missing or not a non-negative integer.";
            return false;
        }

        DateTimeOffset? insertedOn = null;
        if (Text(metadata, "InsertionTime") is { Length: > 0 } inserted)
        {
            if (!DateTimeOffset.TryParse(inserted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                problem = "Metadata.InsertionTime is not a date and time.";
                return false;
            }

            insertedOn = parsed;
        }

        message = new TriggeredWorkMessage(id, popReceipt, body, dequeueCount, insertedOn);
        problem = null;
        return true;
    }

    private static string? Text(Dictionary<string, JsonElement>? metadata, string name) =>
        metadata is not null && metadata.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String
            ? Unwrap(value.GetString()!)
            : null;

    private static bool TryCount(Dictionary<string, JsonElement>? metadata, string name, out long count)
    {
        count = 0;
        if (metadata is null || !metadata.TryGetValue(name, out var value))
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt64(out count) && count >= 0,
            JsonValueKind.String => long.TryParse(Unwrap(value.GetString()!), NumberStyles.None, CultureInfo.InvariantCulture, out count),
            _ => false,
        };
    }

    /// <summary>Decodes a string that holds a JSON string literal (<c>"\"abc\""</c>); returns others unchanged.</summary>
    private static string Unwrap(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        try
        {
            return JsonSerializer.Deserialize<string>(value) ?? value;
        }
        catch (JsonException)
        {
            return value;
        }
    }
}
