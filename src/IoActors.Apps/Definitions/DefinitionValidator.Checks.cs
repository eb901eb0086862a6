using System.Globalization;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <content>The primitive checks (types, ranges, enumerations) and the formatting helpers of messages.</content>
internal sealed partial class DefinitionValidator
{
    private bool ExpectObject(JsonElement value, JsonPath path)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, value, $"expected an object, got {Kind(value)}");
        return false;
    }

    private void ExpectBool(JsonElement obj, JsonPath parent, string name)
    {
        if (obj.TryGetProperty(name, out var v))
        {
            ExpectBool(v, parent.Property(name));
        }
    }

    private void ExpectBools(JsonElement obj, JsonPath parent, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            ExpectBool(obj, parent, name);
        }
    }

    private void ExpectBool(JsonElement value, JsonPath path)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(path, value, $"expected a boolean, got {Kind(value)}");
        }
    }

    private void ExpectString(JsonElement obj, JsonPath parent, string name)
    {
        if (obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.String)
        {
            Error(parent.Property(name), v, $"expected a string, got {Kind(v)}");
        }
    }

    private void ExpectString(JsonElement value, JsonPath path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, value, $"expected a string, got {Kind(value)}");
        }
    }

    private void ExpectStrings(JsonElement obj, JsonPath parent, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            ExpectString(obj, parent, name);
        }
    }

    private void ExpectStringOrObject(JsonElement obj, JsonPath parent, string name)
    {
        if (obj.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
        {
            Error(parent.Property(name), v, $"expected a string or an object, got {Kind(v)}");
        }
    }

    private bool ExpectNonEmptyString(JsonElement value, JsonPath path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, value, $"expected a string, got {Kind(value)}");
            return false;
        }

        if (value.GetString()!.Trim().Length == 0)
        {
            Error(path, value, "must not be empty");
            return false;
        }

        return true;
    }

    private bool ExpectOneOf(JsonElement value, JsonPath path, string[] allowed)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (Array.IndexOf(allowed, s) >= 0)
            {
                return true;
            }

            Error(path, value, $"\"{s}\" is not one of {string.Join("|", allowed)}");
            return false;
        }

        Error(path, value, $"expected one of {string.Join("|", allowed)}, got {Kind(value)}");
        return false;
    }

    private void ExpectStringArray(JsonElement obj, JsonPath parent, string name)
    {
        if (obj.TryGetProperty(name, out var v))
        {
            ExpectStringArray(v, parent.Property(name));
        }
    }

    private void ExpectStringArray(JsonElement value, JsonPath path) => ExpectArrayOf(value, path, JsonValueKind.String);

    private void ExpectArrayOf(JsonElement value, JsonPath path, JsonValueKind kind)
    {
        var what = kind == JsonValueKind.String ? "string" : "object";
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, value, $"expected an array of {what}s, got {Kind(value)}");
            return;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != kind)
            {
                Error(path.Item(i), item, $"expected a{(kind == JsonValueKind.Object ? "n" : string.Empty)} {what}, got {Kind(item)}");
            }

            i++;
        }
    }

    private void ExpectNumberIfPresent(JsonElement obj, JsonPath parent, string name, double? min = null)
    {
        if (obj.TryGetProperty(name, out var v))
        {
            ExpectNumber(v, parent.Property(name), min: min);
        }
    }

    private void ExpectNumber(JsonElement value, JsonPath path, double? min = null, double? exclusiveMin = null, bool integer = false)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(path, value, $"expected a{(integer ? "n integer" : " number")}, got {Kind(value)}");
            return;
        }

        var d = value.GetDouble();
        if (integer && d != Math.Floor(d))
        {
            Error(path, value, $"{value.GetRawText()} is not an integer");
        }
        else if (min is { } m && d < m)
        {
            Error(path, value, $"{value.GetRawText()} is less than {Num(m)}");
        }
        else if (exclusiveMin is { } em && d <= em)
        {
            Error(path, value, $"{value.GetRawText()} must be greater than {Num(em)}");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static bool TryParseLength(string s, out double number, out bool percent)
    {
        var span = s.AsSpan().Trim();
        percent = false;
        if (span.EndsWith("px", StringComparison.OrdinalIgnoreCase))
        {
            span = span[..^2];
        }
        else if (span.EndsWith("%"))
        {
            span = span[..^1];
            percent = true;
        }

        return double.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    private static bool IsVersion(string s)
    {
        var parts = s.Split('.');
        return parts.Length == 3 && Array.TrueForAll(parts, p => p.Length > 0 && p.All(char.IsAsciiDigit));
    }

    private static string Num(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static string TypeName(AppType type) => type switch
    {
        AppType.Window => "window",
        AppType.Exe => "exe",
        AppType.Node => "node",
        AppType.ClickOnce => "clickonce",
        AppType.Citrix => "citrix",
        AppType.Workspaces => "workspaces",
        AppType.WebGroup => "webGroup",
        AppType.ChildWindow => "childWindow",
        _ => "unknown",
    };

    private static string StageName(BootStage stage) => stage switch
    {
        BootStage.Core => "core",
        BootStage.PreSso => "pre-sso",
        BootStage.PostSso => "post-sso",
        _ => "user",
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {Show(value)}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
