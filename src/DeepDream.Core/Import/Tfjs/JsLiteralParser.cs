using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace DeepDream.Import.Tfjs;

/// <summary>
/// Reads the data-only subset of JavaScript that minified TF.js bundles use for the model description:
/// objects with quoted or bare keys, arrays, strings, numbers (<c>.17</c>, <c>-1e-7</c>), <c>true</c>,
/// <c>false</c>, <c>null</c>, and the minifier's <c>!0</c>/<c>!1</c>. Nothing is evaluated; anything else is
/// rejected. Nesting is bounded so a hostile file cannot exhaust the stack.
/// </summary>
internal sealed class JsLiteralParser
{
    public const int MaxDepth = 64;

    private readonly string _source;
    private int _position;

    private JsLiteralParser(string source, int start)
    {
        _source = source;
        _position = start;
    }

    /// <summary>Parses a whole text that holds exactly one value.</summary>
    public static JsonNode? Parse(string source)
    {
        var parser = new JsLiteralParser(source, 0);
        var value = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._position != source.Length) throw parser.Error("unexpected text after the value");
        return value;
    }

    /// <summary>Parses the value that starts at <paramref name="start"/>; <paramref name="end"/> is the index just past it.</summary>
    public static JsonNode? ParseAt(string source, int start, out int end)
    {
        var parser = new JsLiteralParser(source, start);
        var value = parser.ParseValue(0);
        end = parser._position;
        return value;
    }

    private JsonNode? ParseValue(int depth)
    {
        if (depth > MaxDepth) throw Error($"nested deeper than {MaxDepth} levels");
        SkipWhitespace();
        if (_position >= _source.Length) throw Error("unexpected end of text");
        char c = _source[_position];
        switch (c)
        {
            case '{': return ParseObject(depth);
            case '[': return ParseArray(depth);
            case '"' or '\'': return JsonValue.Create(ParseString());
            case '!': return ParseNegatedDigit();
        }
        if (c is '-' or '+' or '.' || char.IsAsciiDigit(c)) return JsonValue.Create(ParseNumber());
        if (IsIdentifierStart(c))
        {
            var word = ParseIdentifier();
            return word switch
            {
                "true" => JsonValue.Create(true),
                "false" => JsonValue.Create(false),
                "null" => null,
                _ => throw Error($"'{word}' is not a literal value"),
            };
        }
        throw Error($"unexpected character '{c}'");
    }

    private JsonObject ParseObject(int depth)
    {
        var result = new JsonObject();
        _position++;
        SkipWhitespace();
        if (TryConsume('}')) return result;
        while (true)
        {
            SkipWhitespace();
            string key = Peek() switch
            {
                '"' or '\'' => ParseString(),
                var c when char.IsAsciiDigit(c) => ParseDigits(),
                var c when IsIdentifierStart(c) => ParseIdentifier(),
                _ => throw Error("expected a property name"),
            };
            SkipWhitespace();
            if (!TryConsume(':')) throw Error($"expected ':' after property '{key}'");
            // Last one wins, as in JavaScript.
            result[key] = ParseValue(depth + 1);
            SkipWhitespace();
            if (TryConsume('}')) return result;
            if (!TryConsume(',')) throw Error("expected ',' or '}' in object");
        }
    }

    private JsonArray ParseArray(int depth)
    {
        var result = new JsonArray();
        _position++;
        SkipWhitespace();
        if (TryConsume(']')) return result;
        while (true)
        {
            result.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (TryConsume(']')) return result;
            if (!TryConsume(',')) throw Error("expected ',' or ']' in array");
        }
    }

    private JsonValue ParseNegatedDigit()
    {
        _position++;
        return Peek() switch
        {
            '0' => Advance(JsonValue.Create(true)),
            '1' => Advance(JsonValue.Create(false)),
            _ => throw Error("only !0 and !1 are accepted after '!'"),
        };
    }

    private JsonValue Advance(JsonValue value)
    {
        _position++;
        return value;
    }

    private string ParseString()
    {
        char quote = _source[_position++];
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= _source.Length) throw Error("unterminated string");
            char c = _source[_position++];
            if (c == quote) return text.ToString();
            if (c is '\n' or '\r') throw Error("line break inside a string");
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }
            if (_position >= _source.Length) throw Error("unterminated string");
            char escaped = _source[_position++];
            text.Append(escaped switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                'v' => '\v',
                '0' => '\0',
                'u' => (char)ParseHex(4),
                'x' => (char)ParseHex(2),
                '"' or '\'' or '\\' or '/' => escaped,
                _ => throw Error($"unsupported escape '\\{escaped}'"),
            });
        }
    }

    private int ParseHex(int digits)
    {
        if (_position + digits > _source.Length
            || !int.TryParse(_source.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value))
            throw Error("bad hexadecimal escape");
        _position += digits;
        return value;
    }

    private double ParseNumber()
    {
        int start = _position;
        if (Peek() is '-' or '+') _position++;
        int mantissaStart = _position;
        while (char.IsAsciiDigit(Peek())) _position++;
        if (Peek() == '.')
        {
            _position++;
            while (char.IsAsciiDigit(Peek())) _position++;
        }
        if (_position == mantissaStart || _source.AsSpan(mantissaStart, _position - mantissaStart) is ".")
            throw Error("malformed number");
        if (Peek() is 'e' or 'E')
        {
            _position++;
            if (Peek() is '-' or '+') _position++;
            int exponentStart = _position;
            while (char.IsAsciiDigit(Peek())) _position++;
            if (_position == exponentStart) throw Error("malformed number exponent");
        }
        var lexeme = _source.AsSpan(start, _position - start);
        if (!double.TryParse(lexeme, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw Error($"number '{lexeme}' out of range");
        return value;
    }

    private string ParseDigits()
    {
        int start = _position;
        while (char.IsAsciiDigit(Peek())) _position++;
        return _source[start.._position];
    }

    private string ParseIdentifier()
    {
        int start = _position;
        while (_position < _source.Length && (IsIdentifierStart(_source[_position]) || char.IsAsciiDigit(_source[_position])))
            _position++;
        return _source[start.._position];
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    private char Peek() => _position < _source.Length ? _source[_position] : '\0';

    private bool TryConsume(char expected)
    {
        if (Peek() != expected) return false;
        _position++;
        return true;
    }

    private void SkipWhitespace()
    {
        while (_position < _source.Length && char.IsWhiteSpace(_source[_position])) _position++;
    }

    private FormatException Error(string problem) => new($"{problem} at character {_position}");
}
