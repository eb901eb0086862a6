using System.Text;
using System.Text.Json;

namespace IoActors.Apps.Tests.Stores.Support;

/// <summary>Generates app definitions and store responses.</summary>
public static class Defs
{
    public static string Window(string name, string url = "https://example.com/", string? title = null) =>
        $$$"""{"name": "{{{name}}}", "type": "window", "title": "{{{title ?? name}}}", "details": {"url": "{{{url}}}"}}""";

    public static string Response(params string[] definitions) => $$"""{"applications": [{{string.Join(",\n", definitions)}}]}""";

    public static string Response(IEnumerable<string> definitions) => Response(definitions.ToArray());

    public static JsonElement Element(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    /// <summary>A store response with <paramref name="count"/> window apps named <c>{prefix}-{i}</c>; <paramref name="version"/> changes the url of every 100th.</summary>
    public static byte[] Large(string prefix, int count, int version)
    {
        var sb = new StringBuilder("{\"applications\": [\n");
        for (var i = 0; i < count; i++)
        {
            var v = i % 100 == version % 100 ? version : 0;
            sb.Append($$$"""  {"name": "{{{prefix}}}-{{{i}}}", "type": "window", "title": "App {{{i}}}", "caption": "A generated app used to measure the store pipeline", "details": {"url": "https://apps.example.com/{{{prefix}}}/{{{i}}}?v={{{v}}}", "width": 800, "height": 600}, "customProperties": {"team": "t{{{i % 17}}}", "tags": ["a", "b", "c"]}}""");
            sb.Append(i + 1 < count ? ",\n" : "\n");
        }

        sb.Append("]}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}
