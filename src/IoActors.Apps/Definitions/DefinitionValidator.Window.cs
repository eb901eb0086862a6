using System.Text.Json;
using System.Text.RegularExpressions;

namespace IoActors.Apps.Definitions;

/// <content>The rules of the window-only <c>details</c> objects (zoom, placement, docking, layouts, downloads, jump lists).</content>
internal partial struct DefinitionValidator
{
    private static readonly byte[][] ZoomFields = JsonFields.Names("enabled", "mouseWheelZoom", "factors", "defaultFactor");
    private static readonly string[] DownloadBools = ["autoSave", "autoOpenPath", "autoOpenDownload", "enable", "enableDownloadBar"];
    private static readonly byte[][] DownloadFields = JsonFields.Names([.. DownloadBools, "path"]);
    private static readonly string[] PlacementMargins = ["top", "bottom", "left", "right", "width", "height"];
    private static readonly byte[][] PlacementFields = JsonFields.Names(["snapped", "horizontalAlignment", "verticalAlignment", .. PlacementMargins, "display"]);

    private void ValidateZoom(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        var buffer = default(JsonElementBuffer);
        Span<JsonElement> fields = buffer[..4];
        JsonFields.Collect(value, ZoomFields, fields);
        ExpectBoolIfPresent(fields[0], path, "enabled");
        ExpectBoolIfPresent(fields[1], path, "mouseWheelZoom");
        if (fields[2] is { ValueKind: not JsonValueKind.Undefined } factors)
        {
            var fp = path.Property("factors");
            if (factors.ValueKind != JsonValueKind.Array)
            {
                Error(fp, factors, $"expected an array of numbers, got {Kind(factors)}");
            }
            else
            {
                double? previous = null;
                var i = 0;
                foreach (var f in factors.EnumerateArray())
                {
                    var ip = new At(fp, null, i++);
                    if (f.ValueKind != JsonValueKind.Number)
                    {
                        Error(ip, f, $"expected a number, got {Kind(f)}");
                        continue;
                    }

                    var d = NumberOf(f);
                    if (d is < 25 or > 500)
                    {
                        Error(ip, f, $"{f.GetRawText()} is outside 25..500");
                    }

                    if (previous is { } prev && d <= prev)
                    {
                        Error(ip, f, $"{f.GetRawText()} is not greater than the previous factor {Num(prev)} (factors must be in ascending order)");
                    }

                    previous = d;
                }
            }
        }

        if (fields[3] is { ValueKind: not JsonValueKind.Undefined } defaultFactor)
        {
            var dp = path.Property("defaultFactor");
            if (defaultFactor.ValueKind != JsonValueKind.Number)
            {
                Error(dp, defaultFactor, $"expected a number, got {Kind(defaultFactor)}");
            }
            else if (NumberOf(defaultFactor) is < 25 or > 500)
            {
                Error(dp, defaultFactor, $"{defaultFactor.GetRawText()} is outside 25..500");
            }
        }
    }

    private void ValidatePlacement(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        var buffer = default(JsonElementBuffer);
        Span<JsonElement> fields = buffer[..10];
        JsonFields.Collect(value, PlacementFields, fields);
        if (fields[0].ValueKind == JsonValueKind.Undefined)
        {
            Error(path.Property("snapped"), null, "is required (true keeps the window at its place; false places it once)");
        }

        ExpectBoolIfPresent(fields[0], path, "snapped");
        if (fields[1] is { ValueKind: not JsonValueKind.Undefined } h)
        {
            ExpectOneOf(h, new At(path, "horizontalAlignment"), HorizontalAlignments);
        }

        if (fields[2] is { ValueKind: not JsonValueKind.Undefined } v)
        {
            ExpectOneOf(v, new At(path, "verticalAlignment"), VerticalAlignments);
        }

        for (var k = 0; k < PlacementMargins.Length; k++)
        {
            var name = PlacementMargins[k];
            var m = fields[3 + k];
            if (m.ValueKind == JsonValueKind.Undefined)
            {
                continue;
            }

            var mp = new At(path, name);
            var nonNegative = name is "width" or "height";
            if (m.ValueKind == JsonValueKind.Number)
            {
                if (nonNegative)
                {
                    ExpectNumber(m, mp, min: 0);
                }
            }
            else if (m.ValueKind == JsonValueKind.String)
            {
                var s = m.GetString()!;
                if (!TryParseLength(s, out var number, out var percent))
                {
                    Error(mp, m, $"\"{s}\" is not a number of pixels or a length like \"10px\" or \"10%\"");
                }
                else if (nonNegative && number < 0)
                {
                    Error(mp, m, $"\"{s}\" must not be negative");
                }
                else if (percent && number > 100)
                {
                    Error(mp, m, $"\"{s}\" is more than 100% of the screen");
                }
            }
            else
            {
                Error(mp, m, $"expected a number or a string like \"10px\" or \"10%\", got {Kind(m)}");
            }
        }

        if (fields[9] is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.String) } display)
        {
            Error(path.Property("display"), display, display.ValueKind == JsonValueKind.Number
                ? $"expected a string: the monitor number as text (\"{display.GetRawText()}\") or \"main\", got {Kind(display)}"
                : $"expected a string: the monitor number as text (\"1\", \"2\", …) or \"main\", got {Kind(display)}");
        }
    }

    private void ValidateDocking(JsonElement value, JsonPath path, JsonElement details)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        ExpectBools(value, path, "enabled", "claimScreenArea");
        ExpectNumberIfPresent(value, path, "width", min: 0);
        ExpectNumberIfPresent(value, path, "height", min: 0);
        var allowedList = new List<string>();
        if (value.TryGetProperty("allowedPositions", out var allowed))
        {
            var ap = path.Property("allowedPositions");
            if (allowed.ValueKind != JsonValueKind.Array)
            {
                Error(ap, allowed, $"expected an array of positions, got {Kind(allowed)}");
            }
            else
            {
                var i = 0;
                foreach (var item in allowed.EnumerateArray())
                {
                    if (ExpectOneOf(item, ap.Item(i++), DockingPositions))
                    {
                        allowedList.Add(item.GetString()!);
                    }
                }
            }
        }
        else
        {
            allowedList.AddRange(["top", "bottom"]);
        }

        if (value.TryGetProperty("initialPosition", out var initial) && ExpectOneOf(initial, path.Property("initialPosition"), DockingPositions)
            && !allowedList.Contains(initial.GetString()!) && allowed.ValueKind is JsonValueKind.Array or JsonValueKind.Undefined)
        {
            Warn(path.Property("initialPosition"), initial, $"\"{initial.GetString()}\" is not among the allowed positions ({string.Join(", ", allowedList)})");
        }

        if (AppDefinition.ReadBool(value, "enabled") == true)
        {
            var mode = AppDefinition.ReadString(details, "mode") ?? "flat";
            if (mode is not ("html" or "frameless"))
            {
                Warn(path.Property("enabled"), null, $"docking works only for html and frameless windows; details.mode is {mode}");
            }
        }
    }

    private void ValidateNativeWindowOpen(JsonElement value, JsonPath path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            ExpectOneOf(value, path, NativeWindowOpenValues);
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            if (!value.TryGetProperty("mode", out var mode))
            {
                Error(path.Property("mode"), null, "is required and must be \"window\"");
            }
            else if (!(mode.ValueKind == JsonValueKind.String && mode.GetString() == "window"))
            {
                Error(path.Property("mode"), mode, $"{Show(mode)} must be \"window\"");
            }

            ExpectBool(value, path, "outlivesOpener");
        }
        else
        {
            Error(path, value, $"expected one of \"browser\"|\"off\"|\"window\" or an object {{\"mode\": \"window\"}}, got {Kind(value)}");
        }
    }

    private void ValidateSaveInLayout(JsonElement value, JsonPath path, AppType type)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        var web = type is AppType.Window or AppType.ChildWindow;
        var native = type is AppType.Exe or AppType.ClickOnce or AppType.Citrix;
        foreach (var property in value.EnumerateObject())
        {
            // The four names are documented ones, so KnownNames reads them (escaped or not) without a new string.
            var name = KnownNames.Get(property);
            if (name is null)
            {
                continue;
            }

            var p = new At(path, name);
            switch (name)
            {
                case "url":
                case "title":
                    ValidateLayoutTypes(property.Value, p);
                    if (native)
                    {
                        Warn(p, property.Value, $"does nothing for {TypeName(type)} apps (url and title are saved for window apps)");
                    }

                    break;
                case "command":
                case "parameters":
                    ExpectBool(property.Value, p);
                    if (web)
                    {
                        Warn(p, property.Value, $"does nothing for {TypeName(type)} apps (command and parameters are saved for exe, clickonce and citrix apps)");
                    }

                    break;
            }
        }
    }

    private void ValidateLayoutTypes(JsonElement value, At path)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, value, $"expected a boolean or an array of Layout types ({string.Join("|", LayoutTypes)}), got {Kind(value)}");
            return;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (KnownString(item, LayoutTypes) is null)
            {
                ExpectOneOf(item, path.Item(i), LayoutTypes);
            }

            i++;
        }
    }

    private void ValidateRegex(JsonElement value, JsonPath path)
    {
        if (!ExpectNonEmptyString(value, path))
        {
            return;
        }

        var pattern = value.GetString()!;
        if (!RegexErrors.TryGetValue(pattern, out var error))
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
                error = null;
            }
            catch (ArgumentException ex)
            {
                error = ex.Message;
            }

            // Stores repeat the same few patterns in thousands of apps; bound the cache so hostile input cannot grow it.
            if (RegexErrors.Count > 4096)
            {
                RegexErrors.Clear();
            }

            RegexErrors[pattern] = error;
        }

        if (error is not null)
        {
            Error(path, value, $"is not a valid regular expression: {error}");
        }
    }

    private void ValidateDownloadSettings(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        var buffer = default(JsonElementBuffer);
        Span<JsonElement> fields = buffer[..6];
        JsonFields.Collect(value, DownloadFields, fields);
        for (var i = 0; i < 5; i++)
        {
            ExpectBoolIfPresent(fields[i], path, DownloadBools[i]);
        }

        if (fields[5] is { ValueKind: not JsonValueKind.Undefined } folder && ExpectNonEmptyString(folder, new At(path, "path")))
        {
            var s = folder.GetString()!;
            var ok = false;
            foreach (var allowed in DownloadFolders)
            {
                if (s.StartsWith(allowed, StringComparison.OrdinalIgnoreCase)
                    && (s.Length == allowed.Length || s[allowed.Length] is '/' or '\\'))
                {
                    ok = true;
                }
            }

            if (!ok || s.Contains("..", StringComparison.Ordinal))
            {
                Error(path.Property("path"), folder, $"\"{s}\" is not allowed: downloads go only to the Temp or Downloads folder (%DownloadsFolder% or %TEMP%, optionally with a subfolder)");
            }
        }
    }

    private void ValidateJumpList(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        ExpectBool(value, path, "enabled");
        if (!value.TryGetProperty("categories", out var categories))
        {
            return;
        }

        var cp = path.Property("categories");
        if (categories.ValueKind != JsonValueKind.Array)
        {
            Error(cp, categories, $"expected an array of categories, got {Kind(categories)}");
            return;
        }

        var i = 0;
        foreach (var category in categories.EnumerateArray())
        {
            var ip = cp.Item(i++);
            if (!ExpectObject(category, ip))
            {
                continue;
            }

            ExpectString(category, ip, "title");
            if (!category.TryGetProperty("actions", out var actions))
            {
                continue;
            }

            var ap = ip.Property("actions");
            if (actions.ValueKind != JsonValueKind.Array)
            {
                Error(ap, actions, $"expected an array of actions, got {Kind(actions)}");
                continue;
            }

            var j = 0;
            foreach (var action in actions.EnumerateArray())
            {
                var jp = ap.Item(j++);
                if (ExpectObject(action, jp))
                {
                    ExpectStrings(action, jp, "icon", "type", "singleInstanceTitle", "multiInstanceTitle");
                }
            }
        }
    }
}
