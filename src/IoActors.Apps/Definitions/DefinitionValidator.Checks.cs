using System.Globalization;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <content>The primitive checks (types, ranges, enumerations) and the formatting helpers of messages.</content>
internal partial struct DefinitionValidator
{
    private bool ExpectObject(JsonElement value, At path)
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
            ExpectBool(v, new At(parent, name));
        }
    }

    private void ExpectBoolIfPresent(JsonElement value, JsonPath parent, string name)
    {
        if (value.ValueKind != JsonValueKind.Undefined)
        {
            ExpectBool(value, new At(parent, name));
        }
    }

    private void ExpectBools(JsonElement obj, JsonPath parent, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            ExpectBool(obj, parent, name);
        }
    }

    private void ExpectBool(JsonElement value, At path)
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
            Error(new At(parent, name), v, $"expected a string, got {Kind(v)}");
        }
    }

    private void ExpectString(JsonElement value, At path)
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
            Error(new At(parent, name), v, $"expected a string or an object, got {Kind(v)}");
        }
    }

    private bool ExpectNonEmptyString(JsonElement value, At path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(path, value, $"expected a string, got {Kind(value)}");
            return false;
        }

        if (!HasVisibleAscii(value) && value.GetString()!.Trim().Length == 0)
        {
            Error(path, value, "must not be empty");
            return false;
        }

        return true;
    }

    private bool ExpectOneOf(JsonElement value, At path, string[] allowed)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            foreach (var a in allowed)
            {
                if (value.ValueEquals(a))
                {
                    return true;
                }
            }

            var s = value.GetString()!;
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
            ExpectStringArray(v, new At(parent, name));
        }
    }

    private void ExpectStringArray(JsonElement value, At path) => ExpectArrayOf(value, path, JsonValueKind.String);

    private void ExpectArrayOf(JsonElement value, At path, JsonValueKind kind)
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
            ExpectNumber(v, new At(parent, name), min: min);
        }
    }

    /// <summary>The number's value: an integer (nearly every number in a definition) is read without the floating-point parser.</summary>
    private static double NumberOf(JsonElement number) => number.TryGetInt32(out var n) ? n : number.GetDouble();

    private void ExpectNumber(JsonElement value, At path, double? min = null, double? exclusiveMin = null, bool integer = false)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(path, value, $"expected a{(integer ? "n integer" : " number")}, got {Kind(value)}");
            return;
        }

        var d = NumberOf(value);
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

    /// <summary>
    /// Whether a string's text holds a printable ASCII character other than a backslash: then it is not empty after
    /// <see cref="string.Trim()"/> (a cheap test of the raw text; when it says no, the string itself decides).
    /// </summary>
    private static bool HasVisibleAscii(JsonElement value)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
        foreach (var b in raw[1..^1])
        {
            if (b is > 0x20 and < 0x7F and not (byte)'\\')
            {
                return true;
            }
        }

        return false;
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
        // Three non-empty runs of ASCII digits separated by dots.
        var parts = 0;
        var run = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                run++;
            }
            else if (c == '.' && run > 0 && parts < 2)
            {
                parts++;
                run = 0;
            }
            else
            {
                return false;
            }
        }

        return parts == 2 && run > 0;
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
