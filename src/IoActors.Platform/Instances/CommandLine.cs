using System.Text;
using System.Text.Json;

namespace IoActors.Platform.Instances;

/// <summary>Splits <c>details.parameters</c> into an argument list (never through a shell).</summary>
internal static class CommandLine
{
    /// <summary>
    /// Splits on whitespace; double quotes group (and are removed); <c>\"</c> is a literal quote. An array of strings is
    /// taken as is.
    /// </summary>
    public static List<string> Split(JsonElement parameters)
    {
        if (parameters.ValueKind == JsonValueKind.Array)
        {
            var list = new List<string>();
            foreach (var item in parameters.EnumerateArray())
            {
                list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }

            return list;
        }

        return parameters.ValueKind == JsonValueKind.String ? Split(parameters.GetString()!) : [];
    }

    /// <summary>Splits a parameter string as described on <see cref="Split(JsonElement)"/>.</summary>
    public static List<string> Split(string text)
    {
        var args = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        var hasToken = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '"')
            {
                current.Append('"');
                hasToken = true;
                i++;
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
                hasToken = true;
            }
            else if (char.IsWhiteSpace(c) && !inQuotes)
            {
                if (hasToken)
                {
                    args.Add(current.ToString());
                    current.Clear();
                    hasToken = false;
                }
            }
            else
            {
                current.Append(c);
                hasToken = true;
            }
        }

        if (hasToken)
        {
            args.Add(current.ToString());
        }

        return args;
    }
}
