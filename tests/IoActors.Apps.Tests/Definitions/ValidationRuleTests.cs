using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

/// <summary>One negative case per validation rule: the problem names the path, the value and the rule.</summary>
public sealed class ValidationRuleTests
{
    [Theory]
    // Required properties.
    [InlineData("""{"type": "window", "details": {"url": "https://x"}}""", "name", "is required")]
    [InlineData("""{"name": 5, "type": "window", "details": {"url": "https://x"}}""", "name", "expected a string, got the number 5")]
    [InlineData("""{"name": "  ", "type": "window", "details": {"url": "https://x"}}""", "name", "must not be empty")]
    [InlineData("""{"name": "a", "details": {}}""", "type", "is required")]
    [InlineData("""{"name": "a", "type": "browser", "details": {}}""", "type", "\"browser\" is not one of window|exe|node")]
    [InlineData("""{"name": "a", "type": "WebGroup", "details": {}}""", "type", "did you mean \"webGroup\"")]
    [InlineData("""{"name": "a", "type": "window"}""", "details", "is required")]
    [InlineData("""{"name": "a", "type": "window", "details": []}""", "details", "expected an object, got an array")]
    [InlineData("""{"name": "a", "type": "window", "details": {}}""", "details.url", "is required for type window")]
    [InlineData("""{"name": "a", "type": "clickonce", "details": {}}""", "details.url", "is required for type clickonce")]
    [InlineData("""{"name": "a", "type": "webGroup", "details": {}}""", "details.url", "is required for type webGroup")]
    [InlineData("""{"name": "a", "type": "exe", "details": {"command": "a.exe"}}""", "details.path", "is required for type exe")]
    [InlineData("""{"name": "a", "type": "node", "details": {}}""", "details.path", "is required for type node (or details.remote.url")]
    [InlineData("""{"name": "a", "type": "node", "details": {"remote": {"noCache": true}}}""", "details.remote.url", "is required for a remote node app")]
    [InlineData("""{"name": "a", "type": "citrix", "details": {"parameters": "-x"}}""", "details.name", "is required for type citrix")]
    [InlineData("""{"name": "a", "type": "childWindow", "details": {}}""", "details.owner", "is required for type childWindow")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": ""}}""", "details.url", "must not be empty")]
    // Top-level property types.
    [InlineData("""{"name": "a", "type": "window", "autoStart": "yes", "details": {"url": "https://x"}}""", "autoStart", "expected a boolean, got the string \"yes\"")]
    [InlineData("""{"name": "a", "type": "window", "allowMultiple": 1, "details": {"url": "https://x"}}""", "allowMultiple", "expected a boolean")]
    [InlineData("""{"name": "a", "type": "window", "title": 1, "details": {"url": "https://x"}}""", "title", "expected a string")]
    [InlineData("""{"name": "a", "type": "window", "keywords": ["a", 2], "details": {"url": "https://x"}}""", "keywords[1]", "expected a string, got the number 2")]
    [InlineData("""{"name": "a", "type": "window", "keywords": "a", "details": {"url": "https://x"}}""", "keywords", "expected an array of strings")]
    [InlineData("""{"name": "a", "type": "window", "customProperties": {"folder": 1}, "details": {"url": "https://x"}}""", "customProperties.folder", "expected a string")]
    [InlineData("""{"name": "a", "type": "window", "customProperties": {"includeInWorkspaces": "no"}, "details": {"url": "https://x"}}""", "customProperties.includeInWorkspaces", "expected a boolean")]
    [InlineData("""{"name": "a", "type": "window", "asset": {"noCache": true}, "details": {}}""", "asset.src", "is required")]
    [InlineData("""{"name": "a", "type": "window", "asset": {"src": "not a url"}, "details": {}}""", "asset.src", "is not an absolute URL")]
    [InlineData("""{"name": "a", "type": "window", "asset": {"src": "https://x/a.zip", "headers": [{"name": "h"}]}, "details": {}}""", "asset.headers[0].value", "is required for each header")]
    // runPriority.
    [InlineData("""{"name": "a", "type": "node", "runPriority": -1, "details": {"path": "a.js"}}""", "runPriority", "-1 is less than 0")]
    [InlineData("""{"name": "a", "type": "node", "runPriority": "high", "details": {"path": "a.js"}}""", "runPriority", "expected a number or an object")]
    [InlineData("""{"name": "a", "type": "node", "runPriority": {"stage": "boot"}, "details": {"path": "a.js"}}""", "runPriority.stage", "\"boot\" is not one of core|pre-sso|post-sso|user")]
    [InlineData("""{"name": "a", "type": "node", "runPriority": {"priority": -5}, "details": {"path": "a.js"}}""", "runPriority.priority", "-5 is less than 0")]
    [InlineData("""{"name": "a", "type": "node", "runPriority": {"timeout": 0}, "details": {"path": "a.js"}}""", "runPriority.timeout", "0 must be greater than 0")]
    [InlineData("""{"name": "a", "type": "node", "runPriority": {"waitForInitialization": "yes"}, "details": {"path": "a.js"}}""", "runPriority.waitForInitialization", "expected true, false or one of \"appSignal\"|\"interopReady\"|\"no\"")]
    // restartPolicy (the rules the platform applies at start).
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": "sometimes", "details": {"path": "a.js"}}""", "restartPolicy", "\"sometimes\" is not a mode")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": 3, "details": {"path": "a.js"}}""", "restartPolicy", "expected a mode")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"mode": "often"}, "details": {"path": "a.js"}}""", "restartPolicy.mode", "\"often\" is not a mode")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"maxRestarts": -1}, "details": {"path": "a.js"}}""", "restartPolicy.maxRestarts", "-1 must be at least 0")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"maxRestarts": 1.5}, "details": {"path": "a.js"}}""", "restartPolicy.maxRestarts", "1.5 is not an integer")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"withinMs": 0}, "details": {"path": "a.js"}}""", "restartPolicy.withinMs", "0 must be at least 1")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"backoffMs": "1s"}, "details": {"path": "a.js"}}""", "restartPolicy.backoffMs", "\"1s\" is not a number")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"backoffMs": 1e300}, "details": {"path": "a.js"}}""", "restartPolicy.backoffMs", "must be at most 2147483647")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"backoffMs": 100, "maxBackoffMs": 50}, "details": {"path": "a.js"}}""", "restartPolicy.maxBackoffMs", "50 must not be less than backoffMs (100)")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"backoffMs": 40000}, "details": {"path": "a.js"}}""", "restartPolicy.backoffMs", "40000 is more than the default maxBackoffMs (30000)")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"mode": "always", "withinMs": 1000, "backoffMs": 1000}, "details": {"path": "a.js"}}""", "restartPolicy.withinMs", "1000 ms cannot hold 5 restarts: their backoff alone takes 31000 ms")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"mode": "on-failure", "maxRestarts": 3, "withinMs": 500, "backoffMs": 100, "maxBackoffMs": 200}, "details": {"path": "a.js"}}""", "restartPolicy.withinMs", "500 ms cannot hold 3 restarts: their backoff alone takes 500 ms")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"mode": "always", "backoffMs": 20000}, "details": {"path": "a.js"}}""", "restartPolicy", "the default withinMs of 60000 ms cannot hold 5 restarts")]
    // Addressable names.
    [InlineData("""{"name": "a/b", "type": "window", "details": {"url": "https://x"}}""", "name", "contains \"/\" (at character 2); app names must not contain \"/\"")]
    [InlineData("""{"name": "/", "type": "window", "details": {"url": "https://x"}}""", "name", "must not contain \"/\"")]
    [InlineData("""{"name": ".", "type": "window", "details": {"url": "https://x"}}""", "name", "app names must not be \".\" or \"..\"")]
    [InlineData("""{"name": "..", "type": "window", "details": {"url": "https://x"}}""", "name", "cannot be addressed as /api/apps/..")]
    [InlineData("""{"name": "a\u0000b", "type": "window", "details": {"url": "https://x"}}""", "name", "contains the control character U+0000 (at character 2)")]
    [InlineData("""{"name": "line\r\nforged", "type": "window", "details": {"url": "https://x"}}""", "name", "contains the control character U+000D (at character 5)")]
    [InlineData("""{"name": "tab\there", "type": "window", "details": {"url": "https://x"}}""", "name", "control character U+0009")]
    [InlineData("""{"name": "a\u2028b", "type": "window", "details": {"url": "https://x"}}""", "name", "control character U+2028")]
    // Placement display (a string, as documented) and parameters (one string).
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "display": 2}}}""", "details.placement.display", "expected a string: the monitor number as text (\"2\") or \"main\", got the number 2")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "display": true}}}""", "details.placement.display", "expected a string")]
    [InlineData("""{"name": "a", "type": "exe", "details": {"path": "C:/a", "parameters": ["-a", "-b"]}}""", "details.parameters", "expected one string of command-line parameters such as \"--port 8080 --verbose\"")]
    [InlineData("""{"name": "a", "type": "node", "details": {"path": "a.js", "parameters": 5}}""", "details.parameters", "got the number 5")]
    // Window mode and zoom.
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "mode": "fullscreen"}}""", "details.mode", "\"fullscreen\" is not one of flat|tab|html|frameless")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "zoom": {"defaultFactor": 600}}}""", "details.zoom.defaultFactor", "600 is outside 25..500")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "zoom": {"defaultFactor": "100"}}}""", "details.zoom.defaultFactor", "expected a number")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "zoom": {"factors": [10, 50]}}}""", "details.zoom.factors[0]", "10 is outside 25..500")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "zoom": {"factors": [50, 100, 75]}}}""", "details.zoom.factors[2]", "75 is not greater than the previous factor 100")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "zoom": {"factors": 100}}}""", "details.zoom.factors", "expected an array of numbers")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "zoom": {"enabled": "true"}}}""", "details.zoom.enabled", "expected a boolean")]
    // Placement.
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {}}}""", "details.placement.snapped", "is required")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "horizontalAlignment": "top"}}}""", "details.placement.horizontalAlignment", "\"top\" is not one of left|right|center|stretch")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "verticalAlignment": "left"}}}""", "details.placement.verticalAlignment", "\"left\" is not one of top|bottom|center|stretch")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "top": "10 pixels"}}}""", "details.placement.top", "\"10 pixels\" is not a number of pixels or a length like \"10px\" or \"10%\"")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "width": "150%"}}}""", "details.placement.width", "more than 100%")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "height": -5}}}""", "details.placement.height", "-5 is less than 0")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "left": true}}}""", "details.placement.left", "expected a number or a string")]
    // Docking.
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "docking": {"initialPosition": "middle"}}}""", "details.docking.initialPosition", "\"middle\" is not one of top|bottom|left|right")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "docking": {"allowedPositions": ["top", "center"]}}}""", "details.docking.allowedPositions[1]", "\"center\" is not one of top|bottom|left|right")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "docking": {"height": -1}}}""", "details.docking.height", "-1 is less than 0")]
    // nativeWindowOpen.
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "nativeWindowOpen": "tab"}}""", "details.nativeWindowOpen", "\"tab\" is not one of browser|off|window")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "nativeWindowOpen": {"mode": "browser"}}}""", "details.nativeWindowOpen.mode", "must be \"window\"")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "nativeWindowOpen": {"outlivesOpener": true}}}""", "details.nativeWindowOpen.mode", "is required")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "nativeWindowOpen": true}}""", "details.nativeWindowOpen", "expected one of")]
    // saveInLayout forms.
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "saveInLayout": {"url": "Global"}}}""", "details.saveInLayout.url", "expected a boolean or an array of Layout types")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "saveInLayout": {"title": ["Workspaces"]}}}""", "details.saveInLayout.title[0]", "\"Workspaces\" is not one of Global|Workspace|ApplicationDefault")]
    [InlineData("""{"name": "a", "type": "exe", "details": {"path": "C:/a", "saveInLayout": {"command": "yes"}}}""", "details.saveInLayout.command", "expected a boolean")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "saveCurrentUrlInLayout": ["Layout"]}}""", "details.saveCurrentUrlInLayout[0]", "\"Layout\" is not one of")]
    // reloadOptions.
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "reloadOptions": {"maxAttempts": -1}}}""", "details.reloadOptions.maxAttempts", "-1 is less than 0")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "reloadOptions": {"maxAttempts": 1.5}}}""", "details.reloadOptions.maxAttempts", "1.5 is not an integer")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "reloadOptions": {"timeout": 0}}}""", "details.reloadOptions.timeout", "0 must be greater than 0")]
    // Regular expressions.
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "navigation": {"allowed": "(unclosed"}}}""", "details.navigation.allowed", "is not a valid regular expression")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "windowOpen": {"allowed": "[z-a]"}}}""", "details.windowOpen.allowed", "is not a valid regular expression")]
    // downloadSettings.path.
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "downloadSettings": {"path": "C:/Windows/System32"}}}""", "details.downloadSettings.path", "downloads go only to the Temp or Downloads folder")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "downloadSettings": {"path": "%DownloadsFolder%/../.."}}}""", "details.downloadSettings.path", "is not allowed")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "downloadSettings": {"autoSave": "on"}}}""", "details.downloadSettings.autoSave", "expected a boolean")]
    // Other documented shapes.
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "cascade": {"offset": -10}}}""", "details.cascade.offset", "-10 is less than 0")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "jumpList": {"categories": [{"actions": {}}]}}}""", "details.jumpList.categories[0].actions", "expected an array of actions")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "print": {"copies": 0}}}""", "details.print.copies", "0 is less than 1")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "printToPdfSettings": {"fullPath": 1}}}""", "details.printToPdfSettings.fullPath", "expected a string")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "syncTitleWithDocumentTitle": "always"}}""", "details.syncTitleWithDocumentTitle", "expected true, false or \"preserveCustomTitle\"")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "minWidth": 500, "maxWidth": 300}}""", "details.minWidth", "500 is greater than maxWidth 300")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "width": -1}}""", "details.width", "-1 is less than 0")]
    [InlineData("""{"name": "a", "type": "node", "details": {"path": "a.js", "nodeVersion": "v16"}}""", "details.nodeVersion", "is not a version like 16.13.2")]
    [InlineData("""{"name": "a", "type": "node", "details": {"path": "a.js", "remote": {"url": "https://x/a.js", "headers": {}}}}""", "details.remote.headers", "expected an array of")]
    [InlineData("""{"name": "a", "type": "clickonce", "details": {"url": "https://x", "appParameters": [{"value": "v"}]}}""", "details.appParameters[0].name", "is required for each parameter")]
    [InlineData("""{"name": "a", "type": "workspaces", "details": {"framePool": -1}}""", "details.framePool", "-1 is less than 0")]
    [InlineData("""{"name": "a", "type": "workspaces", "details": {"layouts": [1]}}""", "details.layouts[0]", "expected an object")]
    [InlineData("""{"name": "a", "type": "webGroup", "details": {"url": "https://x", "pool": {"min": 1.5}}}""", "details.pool.min", "1.5 is not an integer")]
    [InlineData("""{"name": "a", "type": "webGroup", "details": {"url": "https://x", "preloadScripts": "a.js"}}""", "details.preloadScripts", "expected an array of strings")]
    public void Validate_BrokenRule_ReportsErrorWithPathAndRule(string json, string path, string message)
    {
        var problems = AppDefinitionValidator.Validate(AppDefinition.Parse(json), StoreKind.InMemory);

        problems.Should().Contain(p => p.Path == path && p.IsError && p.Message.Contains(message),
            "expected an error at {0} saying '{1}', got: {2}", path, message, string.Join(" | ", problems));
    }

    [Theory]
    [InlineData("""{"name": "a", "type": "node", "details": {"path": "a.js", "width": 400}}""", "details.width", "does nothing for node apps")]
    [InlineData("""{"name": "a", "type": "exe", "details": {"path": "C:/a", "zoom": {"enabled": true}}}""", "details.zoom", "does nothing for exe apps (valid for window, workspaces, webGroup, childWindow)")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "showConsole": true}}""", "details.showConsole", "does nothing for window apps")]
    [InlineData("""{"name": "a", "type": "window", "service": true, "autoStart": false, "details": {"url": "https://x"}}""", "autoStart", "\"service\": true forces autoStart to true")]
    [InlineData("""{"name": "a", "type": "window", "service": true, "details": {"url": "https://x", "hidden": false}}""", "details.hidden", "\"service\": true forces details.hidden to true")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "saveInLayout": {"command": true}}}""", "details.saveInLayout.command", "does nothing for window apps")]
    [InlineData("""{"name": "a", "type": "exe", "details": {"path": "C:/a", "saveInLayout": {"url": true}}}""", "details.saveInLayout.url", "does nothing for exe apps")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "docking": {"enabled": true}}}""", "details.docking.enabled", "docking works only for html and frameless windows")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "mode": "html", "docking": {"initialPosition": "left"}}}""", "details.docking.initialPosition", "\"left\" is not among the allowed positions (top, bottom)")]
    [InlineData("""{"name": "a", "type": "window", "asset": {"src": "https://x/a.zip"}, "assets": {"src": "https://x/b.zip"}, "details": {}}""", "assets", "both \"asset\" and \"assets\" are set")]
    [InlineData("""{"name": "a", "type": "window", "runPriority": {"stage": "core"}, "details": {"url": "https://x"}}""", "runPriority.stage", "only exe and node apps can start in stage core; this window app will not be started at boot")]
    [InlineData("""{"name": "a", "type": "window", "runPriority": 3, "details": {"url": "https://x"}}""", "runPriority", "(a numeric runPriority means stage core); for another stage write {\"stage\": \"pre-sso\", \"priority\": 3}")]
    [InlineData("""{"name": "a", "type": "window", "autostart": true, "details": {"url": "https://x"}}""", "autostart", "is not a documented property and is ignored; did you mean \"autoStart\"? (property names are case-sensitive)")]
    [InlineData("""{"name": "a", "type": "window", "titel": "A", "details": {"url": "https://x"}}""", "titel", "did you mean \"title\"?")]
    [InlineData("""{"name": "a", "type": "window", "alowMultiple": false, "details": {"url": "https://x"}}""", "alowMultiple", "did you mean \"allowMultiple\"?")]
    [InlineData("""{"name": "a", "type": "window", "runPriorty": 1, "details": {"url": "https://x"}}""", "runPriorty", "did you mean \"runPriority\"?")]
    public void Validate_IneffectiveProperty_ReportsWarningOnly(string json, string path, string message)
    {
        var problems = AppDefinitionValidator.Validate(AppDefinition.Parse(json), StoreKind.InMemory);

        problems.Should().ContainSingle(p => p.Path == path && p.Severity == ProblemSeverity.Warning && p.Message.Contains(message),
            "got: {0}", string.Join(" | ", problems));
        problems.Should().NotContain(p => p.IsError);
    }

    [Theory]
    [InlineData(StoreKind.Regular, "pre-sso", true)]
    [InlineData(StoreKind.Regular, "post-sso", true)]
    [InlineData(StoreKind.Regular, "user", false)]
    [InlineData(StoreKind.InMemory, "pre-sso", false)]
    [InlineData(StoreKind.System, "post-sso", false)]
    public void Validate_StageOfStoreKind_WarnsWhenTheStoreCannotStartInIt(StoreKind kind, string stage, bool warns)
    {
        var json = $$$"""{"name": "a", "type": "window", "runPriority": {"stage": "{{{stage}}}"}, "details": {"url": "https://x"}}""";

        var problems = AppDefinitionValidator.Validate(AppDefinition.Parse(json), kind);

        problems.Any(p => p.Path == "runPriority.stage" && p.Severity == ProblemSeverity.Warning).Should().Be(warns, string.Join(" | ", problems));
        problems.Should().NotContain(p => p.IsError);
    }

    [Theory]
    [InlineData("""{"name": "a.b", "type": "window", "details": {"url": "https://x"}}""")]
    [InlineData("""{"name": "my app (beta) \\ ü 😀 ...", "type": "window", "details": {"url": "https://x"}}""")]
    [InlineData("""{"name": "a", "type": "window", "intents": [], "version": "1.0", "fdc3": {}, "publisher": "p", "customThing": 1, "details": {"url": "https://x"}}""")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": "on-failure", "details": {"path": "a.js"}}""")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": null, "details": {"path": "a.js"}}""")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"mode": "always", "maxRestarts": 5, "withinMs": 60000, "backoffMs": 1000, "maxBackoffMs": 30000}, "details": {"path": "a.js"}}""")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"mode": "never", "withinMs": 1}, "details": {"path": "a.js"}}""")]
    [InlineData("""{"name": "a", "type": "node", "restartPolicy": {"mode": "always", "maxRestarts": 0, "withinMs": 1}, "details": {"path": "a.js"}}""")]
    [InlineData("""{"name": "a", "type": "node", "details": {"path": "a.js", "parameters": "--a \"b c\""}}""")]
    [InlineData("""{"name": "a", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "display": "2"}}}""")]
    [InlineData("""{"name": "a", "type": "node", "runPriority": 5, "details": {"path": "a.js"}}""")]
    public void Validate_DocumentedFormsAndUnknownKeysFarFromDocumentedOnes_HaveNoProblems(string json)
    {
        AppDefinitionValidator.Validate(AppDefinition.Parse(json), StoreKind.System).Should().BeEmpty();
    }

    [Fact]
    public void Validate_NameOfTheMaximumLength_IsValidAndOneMoreIsNot()
    {
        var longest = AppDefinition.Parse($$$"""{"name": "{{{new string('n', AppDefinitionValidator.MaxNameLength)}}}", "type": "window", "details": {"url": "https://x"}}""");
        var tooLong = AppDefinition.Parse($$$"""{"name": "{{{new string('n', AppDefinitionValidator.MaxNameLength + 1)}}}", "type": "window", "details": {"url": "https://x"}}""");

        AppDefinitionValidator.Validate(longest).Should().BeEmpty();
        AppDefinitionValidator.Validate(tooLong).Should().ContainSingle().Which.Message.Should().Be("is 257 characters long; app names are at most 256 characters");
    }

    [Fact]
    public void Validate_ManyBrokenRules_ReportsEveryProblemAtOnce()
    {
        const string json = """
            {"name": "", "type": "window", "autoStart": 1,
             "details": {"mode": "x", "zoom": {"defaultFactor": 1}, "reloadOptions": {"timeout": -1}}}
            """;

        var problems = AppDefinitionValidator.Validate(AppDefinition.Parse(json));

        problems.Where(p => p.IsError).Select(p => p.Path).Should().BeEquivalentTo(
            ["name", "autoStart", "details.url", "details.mode", "details.zoom.defaultFactor", "details.reloadOptions.timeout"]);
        problems.Should().OnlyContain(p => p.AppName == null || p.AppName.Length > 0);
    }

    [Fact]
    public void Validate_ProblemWithValue_CarriesTheValueAsJson()
    {
        var problems = AppDefinitionValidator.Validate(AppDefinition.Parse("""{"name": "a", "type": "window", "details": {"url": "https://x", "mode": "big"}}"""));

        problems.Should().ContainSingle().Which.Value.Should().Be("\"big\"");
    }

    [Fact]
    public void FindDuplicateNames_SameNameTwice_ReportsTheSecondAsError()
    {
        var first = AppDefinition.Parse(Json.Base("window"), "a.json");
        var second = AppDefinition.Parse(Json.Base("exe"), "b.json");
        var third = AppDefinition.Parse(Json.Base("window").Replace("\"app\"", "\"APP\""), "c.json");

        var problems = AppDefinitionValidator.FindDuplicateNames([first, second, third]);

        problems.Should().HaveCount(2);
        problems[0].Should().Match<DefinitionProblem>(p => p.IsError && p.Source == "b.json" && p.Path == "name" && p.Message.Contains("already defined in a.json"));
        problems[1].Should().Match<DefinitionProblem>(p => p.Severity == ProblemSeverity.Warning && p.Source == "c.json" && p.Message.Contains("differs only in letter case"));
    }

    [Fact]
    public void ReadJson_DuplicateNameInOneArray_RejectsOnlyTheLaterOne()
    {
        var json = $"[{Json.Base("window")}, {Json.Base("exe")}]";

        var result = Json.Read(json);

        result.Definitions.Should().ContainSingle().Which.Type.Should().Be(AppType.Window);
        result.Problems.Should().ContainSingle().Which.Should().Match<DefinitionProblem>(p => p.Path == "name" && p.Index == 1 && p.Message.Contains("already defined at index 0"));
    }
}
