using System.Globalization;
using System.Text;
using IoActors.Hocon;

namespace IoActors.Benchmarks.Hocon;

/// <summary>The documents the HOCON benchmarks parse: the repository's reference.conf and a generated ~1 MB file, each with its JSON equivalent.</summary>
public static class HoconDocuments
{
    /// <summary>Reads hocon/reference.conf from the repository (found upwards from the current and base directories).</summary>
    /// <returns>The file path and text.</returns>
    public static (string Path, string Text) ReferenceConf()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = System.IO.Path.Combine(folder.FullName, "hocon", "reference.conf");
                if (File.Exists(candidate))
                {
                    return (candidate, File.ReadAllText(candidate));
                }
            }
        }

        throw new FileNotFoundException("hocon/reference.conf not found above the current or base directory");
    }

    /// <summary>Generates a deterministic HOCON document of about <paramref name="targetBytes"/> bytes in the style of an app catalogue.</summary>
    /// <param name="targetBytes">The approximate size.</param>
    /// <returns>The HOCON text.</returns>
    public static string GenerateHocon(int targetBytes)
    {
        var random = new Random(42);
        var text = new StringBuilder(targetBytes + 4096);
        text.Append("# generated app catalogue\ndefaults {\n  owner = platform-team\n  timeout = 30s\n  tags = [core, generated]\n}\n\napps {\n");
        for (var i = 0; text.Length < targetBytes; i++)
        {
            var id = i.ToString(CultureInfo.InvariantCulture);
            text.Append("  app-").Append(id).Append(" {\n");
            text.Append("    name = app-").Append(id).Append('\n');
            text.Append("    title = \"Application number ").Append(id).Append("\"\n");
            text.Append("    type = ").Append((i % 3) switch { 0 => "window", 1 => "exe", _ => "node" }).Append('\n');
            text.Append("    // where it lives\n");
            text.Append("    details {\n      url = \"https://apps.example.com/").Append(id).Append("/index.html\"\n");
            text.Append("      width = ").Append(random.Next(200, 1600)).Append(", height = ").Append(random.Next(200, 1200)).Append('\n');
            text.Append("      hidden = ").Append(i % 5 == 0 ? "true" : "false").Append('\n');
            text.Append("      ratio = ").Append((random.NextDouble() * 10).ToString("0.###", CultureInfo.InvariantCulture)).Append("\n    }\n");
            text.Append("    runPriority.stage = ").Append((i % 4) switch { 0 => "core", 1 => "pre-sso", 2 => "post-sso", _ => "user" }).Append('\n');
            text.Append("    runPriority.priority = ").Append(random.Next(0, 200)).Append('\n');
            text.Append("    keywords = [alpha, beta, \"gamma delta\", ").Append(random.Next(1000)).Append("]\n");
            if (i % 10 == 0)
            {
                text.Append("    owner = ${defaults.owner}\n    timeout = ${defaults.timeout}\n");
            }

            text.Append("  }\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>The JSON equivalent of a HOCON document (its resolved tree).</summary>
    /// <param name="hocon">The HOCON text.</param>
    /// <returns>Compact JSON.</returns>
    public static string ToJson(string hocon) => HoconConfig.Parse(hocon).ToJson(indented: false);

    /// <summary>
    /// The JSON equivalent of a HOCON document carrying the document's comments: every <c>#</c> or <c>//</c> comment of
    /// the HOCON text, as a <c>//</c> comment line of the same text, before the JSON (whose members have no room for
    /// them in their original places). A reader that skips comments then skips the same comment text the HOCON reader does.
    /// </summary>
    /// <param name="hocon">The HOCON text.</param>
    /// <returns>The comment lines, then compact JSON.</returns>
    public static string ToJsonWithComments(string hocon)
    {
        var text = new StringBuilder(hocon.Length + 1024);
        foreach (var line in hocon.Split('\n'))
        {
            var comment = CommentOf(line);
            if (comment is not null)
            {
                text.Append("//").Append(comment).Append('\n');
            }
        }

        return text.Append(ToJson(hocon)).ToString();
    }

    /// <summary>The text of a line's comment after its <c>#</c> or <c>//</c>, or null (a rough lexer: quotes are honoured, escapes and triple quotes are not).</summary>
    private static string? CommentOf(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '#')
            {
                return line[(i + 1)..];
            }
            else if (!quoted && c == '/' && i + 1 < line.Length && line[i + 1] == '/')
            {
                return line[(i + 2)..];
            }
        }

        return null;
    }
}
