using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IoActors.Platform.Instances;

/// <summary>Expands <c>%VAR%</c> (environment), <c>%GDDIR%</c> (platform folder) and <c>$ASSET_LOCATION$</c> in definition strings.</summary>
internal static partial class Macros
{
    /// <summary>Expands the macros in <paramref name="text"/>; an unknown <c>%NAME%</c> stays as written.</summary>
    public static string Expand(string text, string platformDirectory, string? assetLocation)
    {
        if (assetLocation is not null && text.Contains("$ASSET_LOCATION$", StringComparison.Ordinal))
        {
            text = text.Replace("$ASSET_LOCATION$", assetLocation, StringComparison.Ordinal);
        }

        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        return VariablePattern().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (string.Equals(name, "GDDIR", StringComparison.OrdinalIgnoreCase))
            {
                return platformDirectory.TrimEnd('/', '\\');
            }

            return Environment.GetEnvironmentVariable(name) ?? m.Value;
        });
    }

    /// <summary>Whether a string inside <paramref name="element"/> may hold a macro (a <c>%</c>, or <c>$ASSET_LOCATION$</c> when <paramref name="withAssetLocation"/>).</summary>
    public static bool AnyIn(JsonElement element, bool withAssetLocation)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (AnyIn(property.Value, withAssetLocation))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (AnyIn(item, withAssetLocation))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.String:
                var text = element.GetString()!;
                return text.Contains('%', StringComparison.Ordinal) || (withAssetLocation && text.Contains("$ASSET_LOCATION$", StringComparison.Ordinal));
            default:
                return false;
        }
    }

    /// <summary>Expands every string value inside <paramref name="node"/> (recursively), in place where possible.</summary>
    public static JsonNode? ExpandAll(JsonNode? node, string platformDirectory, string? assetLocation)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    var replaced = ExpandAll(child, platformDirectory, assetLocation);
                    if (!ReferenceEquals(child, replaced))
                    {
                        obj[key] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    var replaced = ExpandAll(child, platformDirectory, assetLocation);
                    if (!ReferenceEquals(child, replaced))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var s = value.GetValue<string>();
                var expanded = Expand(s, platformDirectory, assetLocation);
                return s == expanded ? value : JsonValue.Create(expanded);
            default:
                return node;
        }
    }

    [GeneratedRegex("%([A-Za-z_][A-Za-z0-9_]*)%")]
    private static partial Regex VariablePattern();
}
