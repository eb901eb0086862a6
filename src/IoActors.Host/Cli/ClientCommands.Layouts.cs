using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IoActors.Host.Cli;

/// <summary><c>ioactors layouts</c>: list, save, restore, remove, export, import and the default Global layout.</summary>
internal static partial class ClientCommands
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private static Command Layouts()
    {
        var layouts = new Command("layouts", "Saved layouts: the running instances saved by name, restored on request (and the default at boot).");
        var type = new Option<string?>("--type") { Description = "Only (or the) layouts of this type (default for one layout: Global)." };
        layouts.Subcommands.Add(Client(new Command("list", "List the saved layouts.") { type }, async (p, c, o, ct) =>
        {
            var list = await c.GetAsync("/api/layouts" + (p.GetValue(type) is { } t ? "?type=" + Uri.EscapeDataString(t) : string.Empty), ct);
            Table(o, ["TYPE", "NAME", "COMPONENTS", "SAVED"], list.EnumerateArray().Select(l => new[]
            {
                Str(l, "type"), Str(l, "name"), l.GetProperty("components").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture), Str(l, "savedAt"),
            }));
        }));

        var name = new Argument<string>("name") { Description = "The layout's name." };
        var context = new Option<string?>("--context") { Description = "A context as JSON, e.g. '{\"clientId\": 1}'." };
        layouts.Subcommands.Add(Client(new Command("save", "Save the running instances as a Global layout.") { name, context }, async (p, c, o, ct) =>
        {
            var body = new JsonObject { ["name"] = p.GetValue(name) };
            if (Json(p.GetValue(context), "--context") is { } ctx)
            {
                body["context"] = ctx;
            }

            var saved = await c.PostAsync("/api/layouts", body.ToJsonString(), ct);
            o.WriteLine($"Saved {Str(saved, "type")} layout '{Str(saved, "name")}' with {saved.GetProperty("components").GetArrayLength()} components.");
        }));

        var keep = new Option<bool>("--keep-running") { Description = "Do not stop the running instances first." };
        layouts.Subcommands.Add(Client(new Command("restore", "Restore a layout: start its components with their contexts.") { name, type, context, keep }, async (p, c, o, ct) =>
        {
            var body = new JsonObject { ["closeRunningInstances"] = !p.GetValue(keep) };
            if (Json(p.GetValue(context), "--context") is { } ctx)
            {
                body["context"] = ctx;
            }

            var result = await c.PostAsync(LayoutPath(p.GetValue(type), p.GetValue(name)!) + "/restore", body.ToJsonString(), ct);
            foreach (var started in result.GetProperty("started").EnumerateArray())
            {
                o.WriteLine($"started {Str(started, "appName")}: instance {Str(started, "id")}");
            }

            foreach (var failed in result.GetProperty("failed").EnumerateArray())
            {
                o.WriteLine($"failed  {Str(failed, "application")}: {Str(failed, "reason")}");
            }

            o.WriteLine($"{Str(result, "status")}: {result.GetProperty("started").GetArrayLength()} started, {result.GetProperty("failed").GetArrayLength()} failed, {result.GetProperty("stopped").GetArrayLength()} stopped first.");
            if (Str(result, "status") == "Failed")
            {
                throw new CliException($"no component of layout '{p.GetValue(name)}' started");
            }
        }));

        layouts.Subcommands.Add(Client(new Command("remove", "Remove a saved layout.") { name, type }, async (p, c, o, ct) =>
        {
            await c.SendAsync(HttpMethod.Delete, LayoutPath(p.GetValue(type), p.GetValue(name)!), null, ct);
            o.WriteLine($"Removed {p.GetValue(type) ?? "Global"} layout '{p.GetValue(name)}'.");
        }));

        var output = new Argument<FileInfo?>("file") { Description = "Where to write them (default: standard output).", Arity = ArgumentArity.ZeroOrOne };
        layouts.Subcommands.Add(Client(new Command("export", "Write the saved layouts as JSON (what import reads).") { output, type }, async (p, c, o, ct) =>
        {
            var list = await c.GetAsync("/api/layouts" + (p.GetValue(type) is { } t ? "?type=" + Uri.EscapeDataString(t) : string.Empty), ct);
            var text = JsonSerializer.Serialize(list, IndentedJson);
            if (p.GetValue(output) is { } f)
            {
                await File.WriteAllTextAsync(f.FullName, text + "\n", ct);
                o.WriteLine($"Exported {list.GetArrayLength()} layouts to {f}.");
            }
            else
            {
                o.WriteLine(text);
            }
        }));

        var input = new Argument<FileInfo>("file") { Description = "A JSON file with an array of layouts (as export writes them)." };
        var replace = new Option<bool>("--replace") { Description = "Replace every saved layout instead of merging." };
        layouts.Subcommands.Add(Client(new Command("import", "Import layouts from a JSON file.") { input, replace }, async (p, c, o, ct) =>
        {
            var f = p.GetValue(input)!;
            var text = await ReadFileAsync(f, ct);

            var layoutsJson = Json(text, f.ToString()) ?? throw new CliException($"{f}: empty");
            var body = new JsonObject { ["layouts"] = layoutsJson, ["mode"] = p.GetValue(replace) ? "replace" : "merge" };
            var result = await c.PostAsync("/api/layouts/import", body.ToJsonString(), ct);
            foreach (var l in result.GetProperty("imported").EnumerateArray())
            {
                o.WriteLine($"imported {Str(l, "type")} '{Str(l, "name")}'");
            }
        }));

        var defaultName = new Argument<string?>("name") { Description = "The Global layout to restore at boot (default: show the current choice).", Arity = ArgumentArity.ZeroOrOne };
        var clear = new Option<bool>("--clear") { Description = "Restore no layout at boot." };
        layouts.Subcommands.Add(Client(new Command("default", "Show, choose or clear the default Global layout (restored when the platform has booted).") { defaultName, clear }, async (p, c, o, ct) =>
        {
            if (p.GetValue(clear))
            {
                await c.SendAsync(HttpMethod.Delete, "/api/layouts/default", null, ct);
                o.WriteLine("No default layout.");
                return;
            }

            var chosen = p.GetValue(defaultName) is { } n
                ? await c.SendAsync(HttpMethod.Put, "/api/layouts/default", new JsonObject { ["name"] = n }.ToJsonString(), ct)
                : await c.GetAsync("/api/layouts/default", ct);
            o.WriteLine(chosen.ValueKind == JsonValueKind.Object ? $"Default layout: '{Str(chosen, "name")}'." : "No default layout.");
        }));
        return layouts;
    }

    private static string LayoutPath(string? type, string name) => $"/api/layouts/{Uri.EscapeDataString(type ?? "Global")}/{Uri.EscapeDataString(name)}";

    private static JsonNode? Json(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CliException($"{what} is not valid JSON: {e.Message}");
        }
    }
}
