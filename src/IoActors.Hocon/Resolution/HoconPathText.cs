using System.Text;

namespace IoActors.Hocon.Resolution;

/// <summary>Renders a path as a HOCON path expression, quoting elements that need it.</summary>
internal static class HoconPathText
{
    public static string Join(IReadOnlyList<string> path)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < path.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('.');
            }

            AppendKey(builder, path[i]);
        }

        return builder.ToString();
    }

    public static void AppendKey(StringBuilder builder, string key)
    {
        if (IsPlainKey(key))
        {
            builder.Append(key);
        }
        else
        {
            Rendering.HoconJsonWriter.AppendQuoted(builder, key);
        }
    }

    public static bool IsPlainKey(string key)
    {
        if (key.Length == 0 || key is "include" or "true" or "false" or "null")
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return !(char.IsAsciiDigit(key[0]) || key[0] == '-');
    }
}
