using System.Text;
using System.Text.Json;

namespace IoActors.Platform.Instances;

/// <summary>Splits <c>details.parameters</c> into an argument list (never through a shell).</summary>
internal static class CommandLine
{
    /// <summary>
    /// Splits <c>details.parameters</c>, one string: on whitespace; double quotes group (and are removed); <c>\"</c> is a
    /// literal quote. Missing or <c>null</c> gives no arguments.
    /// </summary>
    /// <param name="parameters">The <c>details.parameters</c> element (undefined when missing).</param>
    /// <param name="appName">The app, for the message.</param>
    /// <returns>The arguments.</returns>
    /// <exception cref="LaunchException">It is not a string (validation rejects such a definition; start options that merge into
    /// <c>details</c> are not validated, so the launcher checks too).</exception>
    public static List<string> Split(JsonElement parameters, string appName) => parameters.ValueKind switch
    {
        JsonValueKind.String => Split(parameters.GetString()!),
        JsonValueKind.Undefined or JsonValueKind.Null => [],
        _ => throw new LaunchException($"app '{appName}': details.parameters must be one string of command-line parameters such as \"--port 8080 --verbose\", not {parameters.ValueKind.ToString().ToLowerInvariant()}."),
    };

    /// <summary>Splits a parameter string as described on <see cref="Split(JsonElement, string)"/>.</summary>
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
