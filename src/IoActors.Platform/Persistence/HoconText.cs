using System.Globalization;
using System.Text;

namespace IoActors.Platform.Persistence;

/// <summary>Writes values into HOCON text for Akka's parser: every value quoted and escaped, never passed through.</summary>
internal static class HoconText
{
    /// <summary>
    /// A HOCON quoted string holding exactly <paramref name="value"/>: quotes and backslashes escaped, every other
    /// character below U+0020 (and U+007F) as <c>\uXXXX</c>; <c>${</c>, <c>#</c> and <c>//</c> are plain text inside quotes.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case < ' ' or '\u007f':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>An integer as HOCON text.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
