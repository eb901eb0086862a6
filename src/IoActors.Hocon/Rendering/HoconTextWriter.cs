using System.Text;
using IoActors.Hocon.Resolution;

namespace IoActors.Hocon.Rendering;

/// <summary>Writes a resolved tree as readable HOCON: braces, <c>key = value</c>, quoted strings.</summary>
internal static class HoconTextWriter
{
    public static string Write(HoconValue value)
    {
        var builder = new StringBuilder();
        if (value is HoconObject root)
        {
            WriteFields(builder, root, 0);
        }
        else
        {
            WriteValue(builder, value, 0);
            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static void WriteFields(StringBuilder builder, HoconObject obj, int indent)
    {
        foreach (var (key, field) in obj)
        {
            builder.Append(' ', indent * 2);
            HoconPathText.AppendKey(builder, key);
            builder.Append(field is HoconObject ? " " : " = ");
            WriteValue(builder, field, indent);
            builder.Append('\n');
        }
    }

    private static void WriteValue(StringBuilder builder, HoconValue value, int indent)
    {
        switch (value)
        {
            case HoconObject obj when obj.Count == 0:
                builder.Append("{}");
                break;
            case HoconObject obj:
                builder.Append("{\n");
                WriteFields(builder, obj, indent + 1);
                builder.Append(' ', indent * 2).Append('}');
                break;
            case HoconArray array when array.Count == 0:
                builder.Append("[]");
                break;
            case HoconArray array when array.All(item => item is HoconScalar):
                builder.Append("[ ");
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    WriteValue(builder, array[i], indent);
                }

                builder.Append(" ]");
                break;
            case HoconArray array:
                builder.Append("[\n");
                foreach (var item in array)
                {
                    builder.Append(' ', (indent + 1) * 2);
                    WriteValue(builder, item, indent + 1);
                    builder.Append('\n');
                }

                builder.Append(' ', indent * 2).Append(']');
                break;
            case HoconScalar { Kind: HoconValueKind.String } scalar:
                HoconJsonWriter.AppendQuoted(builder, scalar.Text);
                break;
            case HoconScalar scalar:
                builder.Append(scalar.Text);
                break;
        }
    }
}
