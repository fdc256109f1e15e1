using System.Text;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>
/// A seeded source of broken requests: mutations of a valid body (byte flips, truncation, control characters, splices,
/// repeated segments), random JSON shapes built from the request's field names, and deep nesting.
/// </summary>
internal sealed class RequestMutator(int seed)
{
    private static readonly string[] FieldNames =
        ["from", "to", "cc", "bcc", "replyTo", "subject", "text", "html", "headers", "attachments", "fileName", "contentType", "content", "X-Tag"];

    private static readonly byte[] Controls = [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0D, 0x0A, 0x1B, 0x7F, 0xC0, 0xFF, 0xFE];

    private readonly Random _random = new(seed);

    /// <summary>Mutates <paramref name="valid"/> one way, chosen at random; <paramref name="how"/> names it.</summary>
    public byte[] Mutate(byte[] valid, bool json, out string how)
    {
        var choice = _random.Next(json ? 9 : 7);
        switch (choice)
        {
            case 0:
                how = "byte flips";
                return FlipBytes(valid);
            case 1:
                how = "truncation";
                return valid[.._random.Next(valid.Length)];
            case 2:
                how = "control characters";
                return Insert(valid, () => Controls[_random.Next(Controls.Length)]);
            case 3:
                how = "random bytes";
                return Insert(valid, () => (byte)_random.Next(256));
            case 4:
                how = "splice";
                return Splice(valid);
            case 5:
                how = "repeated segment";
                return Repeat(valid);
            case 6:
                how = "stacked mutations";
                return Splice(FlipBytes(Insert(valid, () => Controls[_random.Next(Controls.Length)])));
            case 7:
                how = "random JSON shape";
                return Encoding.UTF8.GetBytes(RandomValue(depth: 0, asObject: true));
            default:
                how = "deep nesting";
                return DeepNesting();
        }
    }

    private byte[] FlipBytes(byte[] input)
    {
        var output = (byte[])input.Clone();
        var flips = 1 + _random.Next(Math.Max(1, output.Length / 20));
        for (var i = 0; i < flips && output.Length > 0; i++)
        {
            output[_random.Next(output.Length)] = (byte)_random.Next(256);
        }

        return output;
    }

    private byte[] Insert(byte[] input, Func<byte> next)
    {
        var output = new List<byte>(input);
        var count = 1 + _random.Next(8);
        for (var i = 0; i < count; i++)
        {
            output.Insert(_random.Next(output.Count + 1), next());
        }

        return [.. output];
    }

    private byte[] Splice(byte[] input)
    {
        if (input.Length < 2)
        {
            return input;
        }

        var from = _random.Next(input.Length);
        var length = _random.Next(1, Math.Min(64, input.Length - from) + 1);
        var to = _random.Next(input.Length);
        var output = new List<byte>(input);
        output.InsertRange(to, input.AsSpan(from, length).ToArray());
        if (_random.Next(2) == 0)
        {
            var cut = _random.Next(output.Count);
            output.RemoveRange(cut, Math.Min(_random.Next(1, 32), output.Count - cut));
        }

        return [.. output];
    }

    private byte[] Repeat(byte[] input)
    {
        if (input.Length == 0)
        {
            return input;
        }

        var from = _random.Next(input.Length);
        var length = _random.Next(1, Math.Min(16, input.Length - from) + 1);
        var times = _random.Next(2, 400);
        var segment = input.AsSpan(from, length).ToArray();
        var output = new List<byte>(input.Length + (segment.Length * times));
        output.AddRange(input.AsSpan(0, from).ToArray());
        for (var i = 0; i < times; i++)
        {
            output.AddRange(segment);
        }

        output.AddRange(input.AsSpan(from).ToArray());
        return [.. output];
    }

    private byte[] DeepNesting()
    {
        var depth = _random.Next(2, 3000);
        var open = _random.Next(2) == 0 ? "[" : "{\"to\":";
        var close = open == "[" ? "]" : "}";
        var builder = new StringBuilder("{\"from\":\"a@example.com\",\"headers\":");
        for (var i = 0; i < depth; i++)
        {
            builder.Append(open);
        }

        builder.Append('1');
        for (var i = 0; i < depth; i++)
        {
            builder.Append(close);
        }

        return Encoding.UTF8.GetBytes(builder.Append('}').ToString());
    }

    private string RandomValue(int depth, bool asObject = false)
    {
        var kind = asObject ? 0 : _random.Next(depth > 4 ? 3 : 5);
        return kind switch
        {
            0 => "{" + string.Join(',', Enumerable.Range(0, _random.Next(6)).Select(_ =>
                $"\"{FieldNames[_random.Next(FieldNames.Length)]}\":{RandomValue(depth + 1)}")) + "}",
            1 => RandomString(),
            2 => _random.Next(4) switch { 0 => "null", 1 => "true", 2 => "-1e999", _ => _random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            3 => "[" + string.Join(',', Enumerable.Range(0, _random.Next(5)).Select(_ => RandomValue(depth + 1))) + "]",
            _ => RandomValue(depth + 1, asObject: true),
        };
    }

    private string RandomString()
    {
        string[] pieces =
        [
            "a@example.com", "\\\"Name\\\" <b@example.org>", "@", "\\r\\n", "\\u0000", "\\ud800", "\\u202e", "\\u200b",
            "x", "..", "<", ">", ",", ";", ":", "YWJj", "=", "bücher.de", "[127.0.0.1]", " ",
        ];
        var builder = new StringBuilder("\"");
        for (var i = _random.Next(6); i > 0; i--)
        {
            builder.Append(pieces[_random.Next(pieces.Length)]);
        }

        return builder.Append('"').ToString();
    }
}
