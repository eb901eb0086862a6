using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoActors.Apps.Definitions;

/// <summary>Template definitions for <c>ioactors new</c>; every template passes validation.</summary>
public static class AppDefinitionTemplates
{
    /// <summary>The template kinds: <c>window</c>, <c>exe</c>, <c>node</c> and <c>service</c> (a hidden, auto-started service window).</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["window", "exe", "node", "service"];

    /// <summary>Makes a template definition.</summary>
    /// <param name="kind">One of <see cref="Kinds"/>.</param>
    /// <param name="name">The app name.</param>
    /// <returns>The definition as indented JSON.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is unknown or <paramref name="name"/> is empty.</exception>
    public static string Create(string kind, string name)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("The app name must not be empty.", nameof(name));
        }

        var title = ToTitle(name);
        JsonObject definition = kind switch
        {
            "window" => new JsonObject
            {
                ["name"] = name,
                ["title"] = title,
                ["type"] = "window",
                ["details"] = new JsonObject
                {
                    ["url"] = $"https://example.com/{name}",
                    ["mode"] = "tab",
                    ["width"] = 800,
                    ["height"] = 600,
                },
                ["customProperties"] = new JsonObject { ["folder"] = "My Apps" },
            },
            "exe" => new JsonObject
            {
                ["name"] = name,
                ["title"] = title,
                ["type"] = "exe",
                ["details"] = new JsonObject
                {
                    ["path"] = $"%GDDIR%/../{name}/",
                    ["command"] = $"{name}.exe",
                    ["parameters"] = string.Empty,
                },
            },
            "node" => new JsonObject
            {
                ["name"] = name,
                ["title"] = title,
                ["type"] = "node",
                ["details"] = new JsonObject
                {
                    ["path"] = $"%GDDIR%/{name}/index.js",
                    ["showConsole"] = false,
                },
            },
            "service" => new JsonObject
            {
                ["name"] = name,
                ["title"] = title,
                ["type"] = "window",
                ["service"] = true,
                ["hidden"] = true,
                ["details"] = new JsonObject
                {
                    ["url"] = $"https://example.com/{name}",
                },
                ["runPriority"] = new JsonObject
                {
                    ["stage"] = "user",
                    ["priority"] = 0,
                    ["waitForInitialization"] = "interopReady",
                },
            },
            _ => throw new ArgumentException($"Unknown template kind \"{kind}\"; expected one of {string.Join(", ", Kinds)}.", nameof(kind)),
        };
        return definition.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 4 });
    }

    private static string ToTitle(string name)
    {
        var words = name.Split(['-', '_', ' ', '.'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? name : string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
    }
}
