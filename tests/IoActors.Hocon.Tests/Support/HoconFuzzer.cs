using System.Text;

namespace IoActors.Hocon.Tests.Support;

/// <summary>Deterministic generators of random, mutated and well-formed HOCON inputs.</summary>
internal sealed class HoconFuzzer
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "=", "+=", "\n", " ", "\t", "\"", "\"\"\"", "${", "${?", "}", "#", "//", ".", "a", "b.c",
        "include ", "\"x.conf\"", "required(", "file(", ")", "true", "false", "null", "1", "-2.5e3", "10ms", "\\", "$", "?", "@",
        "\u00A0", "\uFEFF", "\u2028", "é", "\"q\\\"\"", "\\u00", "a b", "0", "00", "-", "+",
    ];

    private static readonly string[] Corpus =
    [
        "a = 1\nb { c = [1, 2, 3], d = \"x\" }\ne = ${b.c} [4]\nf = ${?nope}\ng += 1\ng += 2",
        """{"appStores":[{"type":"path","details":{"path":"./apps"}}],"appStoresTimeout":120000,"server":{"enabled":false}}""",
        "path = [/bin]\npath = ${path} [/usr/bin]\nx = ${path}\ny.z.w = \"\"\"multi\nline\"\"\"\n# comment\n// comment",
        "bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }\nfoo : ${?foo}bar\nobj = ${bar} { q = 1 }",
        "a.b.c = 1, a.b.d = [ { e = 1 } { f = 2 } ], \"quoted.key\" = true, size = 10MB, t = 5s",
    ];

    private readonly Random _random;

    public HoconFuzzer(int seed)
    {
        _random = new Random(seed);
    }

    public string RandomTokens()
    {
        var builder = new StringBuilder();
        var count = _random.Next(1, 40);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Tokens[_random.Next(Tokens.Length)]);
        }

        return builder.ToString();
    }

    public string RandomChars()
    {
        var length = _random.Next(0, 60);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = _random.Next(4) == 0 ? (char)_random.Next(0, 0x3000) : (char)_random.Next(0x20, 0x7F);
        }

        return new string(chars);
    }

    public string Mutate()
    {
        var builder = new StringBuilder(Corpus[_random.Next(Corpus.Length)]);
        var edits = _random.Next(1, 6);
        for (var i = 0; i < edits; i++)
        {
            var position = _random.Next(builder.Length + 1);
            switch (_random.Next(4))
            {
                case 0 when builder.Length > 0 && position < builder.Length:
                    builder.Remove(position, Math.Min(_random.Next(1, 6), builder.Length - position));
                    break;
                case 1:
                    builder.Insert(position, Tokens[_random.Next(Tokens.Length)]);
                    break;
                case 2 when position < builder.Length:
                    builder[position] = (char)_random.Next(0x20, 0x7F);
                    break;
                default:
                    var start = _random.Next(builder.Length);
                    var piece = builder.ToString(start, Math.Min(_random.Next(1, 20), builder.Length - start));
                    builder.Insert(position, piece);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A well-formed document with its expected JSON (no substitutions).</summary>
    public (string Hocon, string Json) WellFormed()
    {
        var hocon = new StringBuilder();
        var json = new StringBuilder();
        WriteObjectBody(hocon, json, 0);
        return (hocon.ToString(), "{" + json + "}");
    }

    private void WriteObjectBody(StringBuilder hocon, StringBuilder json, int depth)
    {
        var count = _random.Next(0, depth == 0 ? 6 : 4);
        for (var i = 0; i < count; i++)
        {
            var key = $"k{i}";
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append('"').Append(key).Append("\":");
            hocon.Append(key).Append(_random.Next(3) switch { 0 => " = ", 1 => ": ", _ => "=" });
            WriteValue(hocon, json, depth);
            hocon.Append(_random.Next(2) == 0 ? "\n" : ", ");
        }
    }

    private void WriteValue(StringBuilder hocon, StringBuilder json, int depth)
    {
        switch (depth > 3 ? _random.Next(4) : _random.Next(6))
        {
            case 0:
                var number = _random.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
                hocon.Append(number);
                json.Append(number);
                break;
            case 1:
                var word = "w" + _random.Next(1000);
                hocon.Append(_random.Next(2) == 0 ? word : "\"" + word + "\"");
                json.Append('"').Append(word).Append('"');
                break;
            case 2:
                var flag = _random.Next(2) == 0 ? "true" : "false";
                hocon.Append(flag);
                json.Append(flag);
                break;
            case 3:
                hocon.Append("null");
                json.Append("null");
                break;
            case 4:
                hocon.Append("{\n");
                json.Append('{');
                WriteObjectBody(hocon, json, depth + 1);
                hocon.Append('}');
                json.Append('}');
                break;
            default:
                hocon.Append('[');
                json.Append('[');
                var items = _random.Next(0, 4);
                for (var i = 0; i < items; i++)
                {
                    if (i > 0)
                    {
                        hocon.Append(_random.Next(2) == 0 ? ",\n" : ", ");
                        json.Append(',');
                    }

                    WriteValue(hocon, json, depth + 1);
                }

                hocon.Append(']');
                json.Append(']');
                break;
        }
    }
}
