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
}
