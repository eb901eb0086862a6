namespace IoActors.Manager.Tests.Support;

/// <summary>App definitions for the tests.</summary>
public static class Definitions
{
    /// <summary>A valid window app's definition (JSON text).</summary>
    public static string Window(string name) =>
        $$"""{ "name": "{{name}}", "title": "{{name}} title", "type": "window", "details": { "url": "https://example.com/{{name}}" } }""";
}
