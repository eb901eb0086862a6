using System.Globalization;

namespace IoActors.Hocon.Configuration;

/// <summary>Maps a resolved tree to IConfiguration keys: <c>a:b:0:c</c>, the same shape the JSON provider produces.</summary>
internal static class HoconConfigurationFlattener
{
    public static Dictionary<string, string?> Flatten(HoconObject root)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root)
        {
            Visit(data, key, value);
        }

        return data;
    }

    private static void Visit(Dictionary<string, string?> data, string prefix, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                if (obj.Count == 0)
                {
                    data[prefix] = null;
                }

                foreach (var (key, child) in obj)
                {
                    Visit(data, prefix + ":" + key, child);
                }

                break;
            case HoconArray array:
                if (array.Count == 0)
                {
                    data[prefix] = null;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    Visit(data, prefix + ":" + i.ToString(CultureInfo.InvariantCulture), array[i]);
                }

                break;
            case HoconScalar scalar:
                data[prefix] = scalar.AsString();
                break;
        }
    }
}
