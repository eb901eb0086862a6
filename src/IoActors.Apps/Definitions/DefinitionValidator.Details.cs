using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <content>The <c>details</c> rules of every type, and the remote-content shapes they share.</content>
internal partial struct DefinitionValidator
{
    private void ValidateDetails(JsonElement details, JsonPath path, AppType type, bool hasAsset, bool service)
    {
        // The rules on the whole object (a service's hidden, the required properties) come first in the problems, though the
        // properties they need are read in the pass below: their problems are put before that pass's.
        var start = _problems.Count;
        bool hasUrl = false, hasPath = false, hasName = false, hasOwner = false, hasRemote = false, hasHidden = false;
        JsonElement hidden = default, remote = default;
        var set = DetailsApplicability.ToSet(type);
        JsonElement minWidth = default, maxWidth = default, minHeight = default, maxHeight = default;
        foreach (var property in details.EnumerateObject())
        {
            var name = KnownNames.Get(property);
            if (name is null)
            {
                continue;
            }

            var value = property.Value;
            switch (name)
            {
                case "url": hasUrl = true; break;
                case "path": hasPath = true; break;
                case "name": hasName = true; break;
                case "owner": hasOwner = true; break;
                case "remote": hasRemote = true; remote = value; break;
                case "hidden": hasHidden = true; hidden = value; _detailsHiddenTrue = value.ValueKind == JsonValueKind.True; break;
            }

            var p = new At(path, name);
            if (set != AppTypeSet.None && DetailsApplicability.ByName.TryGetValue(name, out var applies) && (applies & set) == 0)
            {
                Warn(p, value, $"does nothing for {TypeName(type)} apps (valid for {DetailsApplicability.Describe(applies)})");
            }

            switch (name)
            {
                case "url":
                case "path":
                case "owner":
                    ExpectNonEmptyString(value, p);
                    break;
                case "parameters":
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        Error(p, value, $"expected one string of command-line parameters such as \"--port 8080 --verbose\" (split at spaces; double quotes group an argument), got {Kind(value)}");
                    }

                    break;
                case "command":
                case "stickyGroup":
                case "userAgent":
                    ExpectString(value, p);
                    break;
                case "name":
                    if (type == AppType.Citrix)
                    {
                        ExpectNonEmptyString(value, p);
                    }

                    break;
                case "nodeVersion":
                    if (ExpectNonEmptyString(value, p) && !IsVersion(value.GetString()!))
                    {
                        Error(p, value, $"\"{value.GetString()}\" is not a version like 16.13.2 (the runtime file is node-<version>.exe)");
                    }

                    break;
                case "mode":
                    ExpectOneOf(value, p, Modes);
                    break;
                case "hidden":
                case "backgroundThrottling":
                case "hideGroupHeader":
                case "showStickyButton":
                case "showFeedbackButton":
                case "showCloneButton":
                case "allowCollapse":
                case "hasSizeAreas":
                case "autoOpenDevTools":
                case "showConsole":
                case "updateFrameConstraints":
                case "default":
                    ExpectBool(value, p);
                    break;
                case "width":
                case "height":
                case "minWidth":
                case "minHeight":
                case "maxWidth":
                case "maxHeight":
                    ExpectNumber(value, p, min: 0);
                    switch (name)
                    {
                        case "minWidth": minWidth = value; break;
                        case "maxWidth": maxWidth = value; break;
                        case "minHeight": minHeight = value; break;
                        case "maxHeight": maxHeight = value; break;
                    }

                    break;
                case "left":
                case "top":
                    ExpectNumber(value, p);
                    break;
                case "framePool":
                    ExpectNumber(value, p, min: 0, integer: true);
                    break;
                case "preloadScripts":
                    ExpectStringArray(value, p);
                    break;
                case "layouts":
                    ExpectArrayOf(value, p, JsonValueKind.Object);
                    break;
                case "pool":
                    if (ExpectObject(value, p) && value.TryGetProperty("min", out var min))
                    {
                        ExpectNumber(min, p.Property("min"), min: 0, integer: true);
                    }

                    break;
                case "appParameters":
                    ValidateNameValueArray(value, p, "parameter");
                    break;
                case "remote":
                    ValidateRemote(value, p);
                    break;
                case "syncTitleWithDocumentTitle":
                    if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                        && !(value.ValueKind == JsonValueKind.String && value.GetString() == "preserveCustomTitle"))
                    {
                        Error(p, value, "expected true, false or \"preserveCustomTitle\"");
                    }

                    break;
                case "zoom":
                    ValidateZoom(value, p);
                    break;
                case "placement":
                    ValidatePlacement(value, p);
                    break;
                case "docking":
                    ValidateDocking(value, p, details);
                    break;
                case "nativeWindowOpen":
                    ValidateNativeWindowOpen(value, p);
                    break;
                case "saveInLayout":
                    ValidateSaveInLayout(value, p, type);
                    break;
                case "saveCurrentUrlInLayout":
                case "saveCurrentTitleInLayout":
                    ValidateLayoutTypes(value, p);
                    break;
                case "reloadOptions":
                    if (ExpectObject(value, p))
                    {
                        if (value.TryGetProperty("maxAttempts", out var max))
                        {
                            ExpectNumber(max, p.Property("maxAttempts"), min: 0, integer: true);
                        }

                        if (value.TryGetProperty("timeout", out var timeout))
                        {
                            ExpectNumber(timeout, p.Property("timeout"), exclusiveMin: 0);
                        }
                    }

                    break;
                case "navigation":
                case "windowOpen":
                    if (ExpectObject(value, p) && value.TryGetProperty("allowed", out var allowed))
                    {
                        ValidateRegex(allowed, p.Property("allowed"));
                    }

                    break;
                case "downloadSettings":
                    ValidateDownloadSettings(value, p);
                    break;
                case "cascade":
                    if (ExpectObject(value, p))
                    {
                        ExpectBool(value, p, "enabled");
                        if (value.TryGetProperty("offset", out var offset))
                        {
                            ExpectNumber(offset, p.Property("offset"), min: 0);
                        }
                    }

                    break;
                case "jumpList":
                    ValidateJumpList(value, p);
                    break;
                case "print":
                    if (ExpectObject(value, p))
                    {
                        ExpectBools(value, p, "enabled", "silent", "color");
                        ExpectStrings(value, p, "footer", "duplexMode");
                        if (value.TryGetProperty("copies", out var copies))
                        {
                            ExpectNumber(copies, p.Property("copies"), min: 1, integer: true);
                        }

                        ExpectStringOrObject(value, p, "pageSize");
                    }

                    break;
                case "printToPdfSettings":
                    if (ExpectObject(value, p))
                    {
                        ExpectBools(value, p, "enabled", "autoSave", "autoOpenPath", "usePrintShortcutKey", "printBackground", "printSelectionOnly");
                        ExpectStrings(value, p, "fullPath");
                        ExpectStringOrObject(value, p, "pageSize");
                    }

                    break;
                case "urlLoadOptions":
                    if (ExpectObject(value, p))
                    {
                        ExpectStrings(value, p, "extraHeaders");
                        if (value.TryGetProperty("postData", out var postData))
                        {
                            ExpectArrayOf(postData, p.Property("postData"), JsonValueKind.Object);
                        }
                    }

                    break;
            }
        }

        if (minWidth.ValueKind == JsonValueKind.Number && maxWidth.ValueKind == JsonValueKind.Number)
        {
            CheckMinMax(minWidth, maxWidth, path, "minWidth", "maxWidth");
        }

        if (minHeight.ValueKind == JsonValueKind.Number && maxHeight.ValueKind == JsonValueKind.Number)
        {
            CheckMinMax(minHeight, maxHeight, path, "minHeight", "maxHeight");
        }

        var later = _problems.Count - start;
        var misses = MissesRequired(type, hasAsset, hasUrl, hasPath, hasName, hasOwner, hasRemote, remote);
        if ((service && hasHidden) || misses)
        {
            var pass = _problems.GetRange(start, later);
            _problems.RemoveRange(start, later);
            if (service && hasHidden)
            {
                Warn(path.Property("hidden"), hidden, "has no effect: \"service\": true forces details.hidden to true");
            }

            if (misses)
            {
                ValidateRequiredDetails(path, type, hasAsset, hasPath, hasRemote, remote);
            }

            _problems.AddRange(pass);
        }
    }

    private static bool MissesRequired(AppType type, bool hasAsset, bool hasUrl, bool hasPath, bool hasName, bool hasOwner, bool hasRemote, JsonElement remote) => type switch
    {
        AppType.Window when !hasAsset => !hasUrl,
        AppType.ClickOnce or AppType.WebGroup => !hasUrl,
        AppType.Exe => !hasPath,
        AppType.Citrix => !hasName,
        AppType.ChildWindow => !hasOwner,
        AppType.Node => !hasPath && (!hasRemote || remote.ValueKind == JsonValueKind.Object),
        _ => false,
    };

    private void CheckMinMax(JsonElement min, JsonElement max, JsonPath path, string minName, string maxName)
    {
        if (NumberOf(min) > NumberOf(max))
        {
            Error(path.Property(minName), min, $"{min.GetRawText()} is greater than {maxName} {max.GetRawText()}");
        }
    }

    private void ValidateRemote(JsonElement value, JsonPath path)
    {
        if (!ExpectObject(value, path))
        {
            return;
        }

        if (value.TryGetProperty("url", out var url))
        {
            ExpectUrl(url, path.Property("url"));
        }

        ExpectBool(value, path, "noCache");
        if (value.TryGetProperty("headers", out var headers))
        {
            ValidateNameValueArray(headers, path.Property("headers"), "header");
        }
    }

    private void ExpectUrl(JsonElement value, JsonPath path)
    {
        if (ExpectNonEmptyString(value, path))
        {
            var s = value.GetString()!;
            if (!s.Contains('%', StringComparison.Ordinal) && !s.Contains('$', StringComparison.Ordinal)
                && !Uri.TryCreate(s, UriKind.Absolute, out _))
            {
                Error(path, value, $"\"{s}\" is not an absolute URL");
            }
        }
    }

    private void ValidateNameValueArray(JsonElement value, JsonPath path, string what)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, value, $"expected an array of {{\"name\", \"value\"}} objects, got {Kind(value)}");
            return;
        }

        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var ip = path.Item(i++);
            if (!ExpectObject(item, ip))
            {
                continue;
            }

            if (!item.TryGetProperty("name", out var n))
            {
                Error(ip.Property("name"), null, $"is required for each {what}");
            }
            else
            {
                ExpectNonEmptyString(n, ip.Property("name"));
            }

            if (!item.TryGetProperty("value", out _))
            {
                Error(ip.Property("value"), null, $"is required for each {what}");
            }
        }
    }
}
