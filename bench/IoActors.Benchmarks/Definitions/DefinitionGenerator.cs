using System.Globalization;
using System.Text;

namespace IoActors.Benchmarks.Definitions;

/// <summary>Generates realistic app definitions (1–2 KB each, a mix of types and options) as one store response array.</summary>
public static class DefinitionGenerator
{
    private static readonly string[] Folders = ["Clients/Corporate", "Clients/Retail", "Trading", "Research/Equities", "Operations", "Tools"];
    private static readonly string[] Words = ["client", "portfolio", "trade", "blotter", "chart", "news", "risk", "order", "quote", "alert", "report", "crm"];

    /// <summary>Makes <paramref name="count"/> definitions as a UTF-8 JSON array.</summary>
    /// <param name="count">How many definitions.</param>
    /// <param name="seed">The random seed (the same seed gives the same bytes).</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] Generate(int count, int seed = 42)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(count * 1600);
        sb.Append("[\n");
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                sb.Append(",\n");
            }

            AppendDefinition(sb, random, i);
        }

        sb.Append("\n]\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void AppendDefinition(StringBuilder sb, Random random, int i)
    {
        var roll = random.Next(100);
        var type = roll switch
        {
            < 60 => "window",
            < 75 => "exe",
            < 85 => "node",
            < 90 => "clickonce",
            < 94 => "citrix",
            < 97 => "workspaces",
            _ => "webGroup",
        };
        var word = Words[random.Next(Words.Length)];
        var name = $"{word}-{type}-{i.ToString(CultureInfo.InvariantCulture)}";
        sb.Append("  {\n");
        Prop(sb, "name", Q(name));
        Prop(sb, "title", Q($"{char.ToUpperInvariant(word[0])}{word[1..]} {type} {i}"));
        Prop(sb, "type", Q(type));
        Prop(sb, "icon", Q($"https://apps.example.com/icons/{word}.png"));
        Prop(sb, "caption", Q($"The {word} application used by desk {random.Next(1, 40)} for daily {Words[random.Next(Words.Length)]} workflows."));
        Prop(sb, "keywords", $"[{Q(word)}, {Q(Words[random.Next(Words.Length)])}, {Q(type)}]");
        Prop(sb, "allowMultiple", random.Next(3) == 0 ? "false" : "true");
        var service = random.Next(10) == 0;
        if (service)
        {
            Prop(sb, "service", "true");
        }

        if (type is "exe" or "node" && random.Next(4) == 0)
        {
            Prop(sb, "runPriority", $"{{ \"stage\": \"user\", \"priority\": {random.Next(100)}, \"timeout\": 15000 }}");
        }

        Prop(sb, "supportEmails", $"[{Q($"{word}.support@example.com")}]");
        Prop(sb, "customProperties", $"{{ \"folder\": {Q(Folders[random.Next(Folders.Length)])}, \"includeInWorkspaces\": {(random.Next(2) == 0 ? "true" : "false")}, \"owner\": {Q($"team-{random.Next(20)}")}, \"costCenter\": {random.Next(1000, 9999)} }}");
        Prop(sb, "intents", $"[{{ \"name\": \"View{char.ToUpperInvariant(word[0])}{word[1..]}\", \"displayName\": \"View {word}\", \"contexts\": [\"fdc3.instrument\", \"fdc3.contact\"] }}]");
        sb.Append("    \"details\": {\n");
        switch (type)
        {
            case "window":
                Prop(sb, "url", Q($"https://apps.example.com/{word}/{i}?env=prod&region=emea"), 6);
                Prop(sb, "mode", Q(random.Next(3) switch { 0 => "flat", 1 => "tab", _ => "html" }), 6);
                Sizes(sb, random);
                Prop(sb, "zoom", "{ \"enabled\": true, \"mouseWheelZoom\": false, \"factors\": [25, 33, 50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200], \"defaultFactor\": 100 }", 6);
                Prop(sb, "saveInLayout", "{ \"url\": [\"Global\", \"Workspace\"], \"title\": true }", 6);
                Prop(sb, "reloadOptions", "{ \"maxAttempts\": 3, \"timeout\": 2000 }", 6);
                if (random.Next(3) == 0)
                {
                    Prop(sb, "navigation", "{ \"allowed\": \"^https://(www\\\\.)?example\\\\.com/\" }", 6);
                }

                if (random.Next(4) == 0)
                {
                    Prop(sb, "placement", "{ \"snapped\": true, \"verticalAlignment\": \"top\", \"horizontalAlignment\": \"center\", \"height\": 50, \"width\": \"30%\", \"top\": 10 }", 6);
                }

                Prop(sb, "downloadSettings", "{ \"autoSave\": true, \"enable\": true, \"path\": \"%DownloadsFolder%\" }", 6);
                Prop(sb, "channelSelector", "{ \"enabled\": true, \"type\": \"single\" }", 6);
                break;
            case "exe":
                Prop(sb, "path", Q($"%GDDIR%/../apps/{word}/"), 6);
                Prop(sb, "command", Q($"{word}.exe"), 6);
                Prop(sb, "parameters", Q($"--instance {i} --env prod --log-level info"), 6);
                Sizes(sb, random);
                Prop(sb, "saveInLayout", "{ \"command\": true, \"parameters\": true }", 6);
                Prop(sb, "cascade", "{ \"enabled\": true, \"offset\": 30 }", 6);
                Prop(sb, "jumpList", "{ \"enabled\": true, \"categories\": [{ \"title\": \"Tasks\", \"actions\": [{ \"icon\": \"%GDDIR%/assets/images/center.ico\", \"type\": \"centerScreen\", \"singleInstanceTitle\": \"Center\", \"multiInstanceTitle\": \"Center all\" }] }] }", 6);
                break;
            case "node":
                Prop(sb, "path", Q($"%GDDIR%/services/{word}/index.js"), 6);
                Prop(sb, "nodeVersion", Q("20.11.1"), 6);
                Prop(sb, "showConsole", "false", 6);
                Prop(sb, "env", $"{{ \"LOG_LEVEL\": \"info\", \"SERVICE_NAME\": {Q(name)}, \"ENDPOINT\": \"https://services.example.com/{word}\" }}", 6);
                break;
            case "clickonce":
                Prop(sb, "url", Q($"https://deploy.example.com/{word}/{word}.application"), 6);
                Sizes(sb, random);
                Prop(sb, "appParameters", $"[{{ \"name\": \"env\", \"value\": \"prod\" }}, {{ \"name\": \"desk\", \"value\": \"{random.Next(40)}\" }}]", 6);
                break;
            case "citrix":
                Prop(sb, "name", Q($"{word} published"), 6);
                Prop(sb, "parameters", Q($"--mode=3 --clients=https://apps.example.com/{word}"), 6);
                Sizes(sb, random);
                break;
            case "workspaces":
                Prop(sb, "url", Q("https://apps.example.com/workspaces/"), 6);
                Prop(sb, "layouts", "[{ \"layoutName\": \"Morning\" }, { \"children\": [{ \"type\": \"column\", \"children\": [{ \"type\": \"group\", \"children\": [{ \"type\": \"window\", \"appName\": \"client-list\" }] }] }] }]", 6);
                Prop(sb, "framePool", "3", 6);
                break;
            default:
                Prop(sb, "url", Q("https://apps.example.com/web-group/"), 6);
                Prop(sb, "preloadScripts", "[\"https://apps.example.com/preload.js\"]", 6);
                Prop(sb, "pool", "{ \"min\": 3 }", 6);
                break;
        }

        Prop(sb, "stickyOwner", service ? "\"platform\"" : "\"user\"", 6, last: true);
        sb.Append("    }\n  }");
    }

    private static void Sizes(StringBuilder sb, Random random)
    {
        Prop(sb, "width", (400 + (random.Next(12) * 50)).ToString(CultureInfo.InvariantCulture), 6);
        Prop(sb, "height", (300 + (random.Next(10) * 50)).ToString(CultureInfo.InvariantCulture), 6);
        Prop(sb, "minWidth", "200", 6);
        Prop(sb, "minHeight", "150", 6);
        Prop(sb, "left", random.Next(0, 1200).ToString(CultureInfo.InvariantCulture), 6);
        Prop(sb, "top", random.Next(0, 800).ToString(CultureInfo.InvariantCulture), 6);
    }

    private static void Prop(StringBuilder sb, string name, string value, int indent = 4, bool last = false)
    {
        sb.Append(' ', indent).Append('"').Append(name).Append("\": ").Append(value).Append(last ? "\n" : ",\n");
    }

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
