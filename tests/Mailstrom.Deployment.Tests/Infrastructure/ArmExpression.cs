using System.Globalization;
using System.Text.Json.Nodes;

namespace Mailstrom.Deployment.Tests.Infrastructure;

/// <summary>
/// Reads an ARM template expression (<c>[concat(createArray(...), if(variables('x'), ...))]</c>) as far as the tests need:
/// <c>createArray</c>, <c>createObject</c>, <c>concat</c> of arrays, <c>if</c> on a named condition, and string and number
/// literals become JSON; anything else (<c>parameters('x')</c>, <c>format(...)</c>, <c>listKeys(...).keys[0].value</c>)
/// stays an expression, written as the template would write it on its own: <c>[parameters('x')]</c>.
/// </summary>
internal sealed class ArmExpression
{
    private readonly string _text;
    private readonly IReadOnlyDictionary<string, bool> _conditions;
    private int _position;

    private ArmExpression(string text, IReadOnlyDictionary<string, bool> conditions)
    {
        _text = text;
        _conditions = conditions;
    }

    /// <summary>Evaluates a template value: an expression in brackets, or a literal string.</summary>
    /// <param name="value">The template value.</param>
    /// <param name="conditions">The value of each variable an <c>if</c> may test, by name.</param>
    /// <returns>The JSON it stands for.</returns>
    public static JsonNode? Evaluate(string value, IReadOnlyDictionary<string, bool> conditions)
    {
        if (!value.StartsWith('[') || !value.EndsWith(']') || value.StartsWith("[[", StringComparison.Ordinal))
        {
            return JsonValue.Create(value);
        }

        var reader = new ArmExpression(value[1..^1], conditions);
        var node = reader.Expression();
        reader.SkipSpaces();
        Assert.True(reader._position == reader._text.Length, $"unread expression text at {reader._position}: {value}");
        return node;
    }

    private JsonNode? Expression()
    {
        SkipSpaces();
        var start = _position;
        var parsed = Primary();
        while (_position < _text.Length && _text[_position] is '.' or '[')
        {
            if (_text[_position] == '.')
            {
                _position++;
                Identifier();
            }
            else
            {
                _position++;
                Expression();
                Expect(']');
            }

            parsed = Raw(start);
        }

        return parsed;
    }

    private JsonNode? Primary()
    {
        var start = _position;
        if (_text[_position] == '\'')
        {
            return JsonValue.Create(StringLiteral());
        }

        if (char.IsAsciiDigit(_text[_position]) || _text[_position] == '-')
        {
            while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '-'))
            {
                _position++;
            }

            return JsonValue.Create(long.Parse(_text[start.._position], CultureInfo.InvariantCulture));
        }

        var name = Identifier();
        Expect('(');
        var arguments = new List<JsonNode?>();
        SkipSpaces();
        while (_text[_position] != ')')
        {
            arguments.Add(Expression());
            SkipSpaces();
            if (_text[_position] == ',')
            {
                _position++;
            }
        }

        Expect(')');
        return Call(name, arguments, start);
    }

    private JsonNode? Call(string name, List<JsonNode?> arguments, int start)
    {
        switch (name)
        {
            case "createArray":
                return new JsonArray([.. arguments.Select(a => a?.DeepClone())]);
            case "createObject":
                var item = new JsonObject();
                for (var i = 0; i + 1 < arguments.Count; i += 2)
                {
                    item[arguments[i]!.GetValue<string>()] = arguments[i + 1]?.DeepClone();
                }

                return item;
            case "concat" when arguments.All(a => a is JsonArray):
                return new JsonArray([.. arguments.SelectMany(a => a!.AsArray()).Select(n => n?.DeepClone())]);
            case "if" when ConditionName(arguments[0]) is { } condition && _conditions.TryGetValue(condition, out var holds):
                return holds ? arguments[1] : arguments[2];
            default:
                return Raw(start);
        }
    }

    private static string? ConditionName(JsonNode? argument)
    {
        return argument is JsonValue value && value.TryGetValue<string>(out var text) && text.StartsWith("[variables('", StringComparison.Ordinal) && text.EndsWith("')]", StringComparison.Ordinal)
            ? text["[variables('".Length..^"')]".Length]
            : null;
    }

    private JsonValue Raw(int start) => JsonValue.Create($"[{_text[start.._position]}]");

    private string StringLiteral()
    {
        Expect('\'');
        var value = new System.Text.StringBuilder();
        while (true)
        {
            var c = _text[_position++];
            if (c == '\'')
            {
                if (_position < _text.Length && _text[_position] == '\'')
                {
                    value.Append('\'');
                    _position++;
                    continue;
                }

                return value.ToString();
            }

            value.Append(c);
        }
    }

    private string Identifier()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        Assert.True(_position > start, $"expected a name at {start}: {_text}");
        return _text[start.._position];
    }

    private void Expect(char c)
    {
        SkipSpaces();
        Assert.True(_position < _text.Length && _text[_position] == c, $"expected '{c}' at {_position}: {_text}");
        _position++;
    }

    private void SkipSpaces()
    {
        while (_position < _text.Length && _text[_position] == ' ')
        {
            _position++;
        }
    }
}
