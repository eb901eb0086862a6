using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace IoActors.Apps.Tests.Definitions.Support;

/// <summary>FsCheck generators: valid seed definitions with random mutations (values replaced, properties removed or added, at any depth).</summary>
internal static class DefinitionMutations
{
    private static readonly string[] Keys =
    [
        "name", "type", "details", "url", "path", "runPriority", "stage", "priority", "timeout", "waitForInitialization", "zoom",
        "factors", "defaultFactor", "placement", "snapped", "docking", "allowedPositions", "nativeWindowOpen", "mode", "saveInLayout",
        "reloadOptions", "maxAttempts", "navigation", "allowed", "downloadSettings", "service", "autoStart", "hidden", "remote",
        "asset", "headers", "appId", "manifest", "hostManifests", "io.Connect", "x", "",
    ];

    public static Arbitrary<string> MutatedDefinitions()
    {
        var seeds = Directory.GetFiles(TestData.SeedsDirectory, "*.json")
            .Concat(Directory.GetFiles(TestData.FragmentsDirectory, "*.json"))
            .Select(File.ReadAllText)
            .ToArray();
        var gen =
            from seed in Gen.Elements(seeds)
            from count in Gen.Choose(1, 6)
            from steps in Gen.ArrayOf(Step(), count)
            select Apply(seed, steps);
        return gen.ToArbitrary();
    }

    private static Gen<(int Kind, int Pick, JsonNode? Value, string Key)> Step() =>
        from kind in Gen.Choose(0, 3)
        from pick in Gen.Choose(0, 1000)
        from value in Value(2)
        from key in Gen.Elements(Keys)
        select (kind, pick, value, key);

    private static Gen<JsonNode?> Value(int depth)
    {
        var leaves = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Choose(-1000, 1000).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements(-1e300, -0.5, 0.0, 1e-9, 24.999, 500.0001, 1e300).Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.Elements("", "window", "exe", "node", "core", "pre-sso", "appSignal", "(", "[z-a]", "%TEMP%", "10%", "-5px", "é\u0000\"\\", "$ASSET_LOCATION$")
                .Select(s => (JsonNode?)JsonValue.Create(s)));
        if (depth == 0)
        {
            return leaves;
        }

        var array = Gen.ListOf(Value(depth - 1), 3).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]));
        var obj =
            from keys in Gen.ListOf(Gen.Elements(Keys), 3)
            from values in Gen.ListOf(Value(depth - 1), 3)
            select (JsonNode?)Build(keys, values);
        return Gen.Frequency((6, leaves), (1, array), (1, obj));
    }

    private static JsonObject Build(IReadOnlyList<string> keys, IReadOnlyList<JsonNode?> values)
    {
        var o = new JsonObject();
        for (var i = 0; i < Math.Min(keys.Count, values.Count); i++)
        {
            o[keys[i]] = values[i]?.DeepClone();
        }

        return o;
    }

    private static string Apply(string seed, (int Kind, int Pick, JsonNode? Value, string Key)[] steps)
    {
        var root = JsonNode.Parse(seed, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        foreach (var (kind, pick, value, key) in steps)
        {
            var containers = new List<JsonNode>();
            Collect(root, containers);
            var target = containers[pick % containers.Count];
            var copy = value?.DeepClone();
            switch (target)
            {
                case JsonObject o when kind == 0 && o.Count > 0:
                    o.Remove(o.ElementAt(pick % o.Count).Key);
                    break;
                case JsonObject o when kind == 1 && o.Count > 0:
                    o[o.ElementAt(pick % o.Count).Key] = copy;
                    break;
                case JsonObject o:
                    o[key] = copy;
                    break;
                case JsonArray a when kind == 0 && a.Count > 0:
                    a.RemoveAt(pick % a.Count);
                    break;
                case JsonArray a when a.Count > 0 && kind == 1:
                    a[pick % a.Count] = copy;
                    break;
                case JsonArray a:
                    a.Add(copy);
                    break;
            }
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> containers)
    {
        if (node is JsonObject o)
        {
            containers.Add(o);
            foreach (var (_, child) in o)
            {
                if (child is not null)
                {
                    Collect(child, containers);
                }
            }
        }
        else if (node is JsonArray a)
        {
            containers.Add(a);
            foreach (var child in a)
            {
                if (child is not null)
                {
                    Collect(child, containers);
                }
            }
        }
    }
}
