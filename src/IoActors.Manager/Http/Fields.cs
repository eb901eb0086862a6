using System.Text.Json;

namespace IoActors.Manager.Http;

/// <summary>Reads fields of a JSON request body; a missing required field or one of the wrong type is a 400 naming it and its value.</summary>
internal static class Fields
{
    public static string? OptionalString(JsonElement body, string name, int maxLength = 256)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw ManagerException.BadRequest($"{name}: {Describe(value)} must be a string");
        }

        var text = value.GetString()!;
        return text.Length <= maxLength ? text : throw ManagerException.BadRequest($"{name}: {text.Length} characters; at most {maxLength} are allowed");
    }

    public static string String(JsonElement body, string name, int maxLength = 256) =>
        OptionalString(body, name, maxLength) ?? throw ManagerException.BadRequest($"{name}: required, a string");

    public static bool? OptionalBool(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ManagerException.BadRequest($"{name}: {Describe(value)} must be true or false"),
        };
    }

    public static IReadOnlyList<string>? OptionalStrings(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ManagerException.BadRequest($"{name}: {Describe(value)} must be an array of strings");
        }

        var list = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String
                ? State.Names.Check($"{name}[{i}]", item.GetString())
                : throw ManagerException.BadRequest($"{name}[{i}]: {Describe(item)} must be a string"));
            i++;
        }

        return list;
    }

    public static JsonElement? OptionalObject(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw ManagerException.BadRequest($"{name}: {Describe(value)} must be an object");
    }

    /// <summary>A value for a message: its JSON, cut to 60 characters.</summary>
    public static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
