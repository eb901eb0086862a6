using System.Runtime.InteropServices;
using System.Text.Json;

namespace IoActors.Apps.Definitions;

/// <summary>
/// Where a checked value is, as its parent path and its name or index: the <see cref="JsonPath"/> is built only when a problem
/// needs it, so that checking a valid value allocates nothing.
/// </summary>
internal readonly struct At
{
    private readonly JsonPath _parent;
    private readonly string? _name;
    private readonly int _index;

    public At(JsonPath parent, string? name, int index = -1)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>The path itself.</summary>
    public JsonPath Path => _name is not null ? _parent.Property(_name) : _index >= 0 ? _parent.Item(_index) : _parent;

    public static implicit operator At(JsonPath path) => new(path, null);

    public static implicit operator JsonPath(At at) => at.Path;

    /// <summary>The property <paramref name="name"/> of this value.</summary>
    public At Property(string name) => new(Path, name);

    /// <summary>The item <paramref name="index"/> of this value.</summary>
    public At Item(int index) => new(Path, null, index);
}

/// <summary>Room on the stack for the values <see cref="JsonFields.Collect"/> reads.</summary>
[System.Runtime.CompilerServices.InlineArray(10)]
internal struct JsonElementBuffer
{
    private JsonElement _first;
}

/// <summary>Reads the last occurrence of each of a few property names in one pass over an object (what <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds for each).</summary>
internal static class JsonFields
{
    /// <summary>Sets <paramref name="values"/>[i] to the value of <paramref name="names"/>[i] in <paramref name="obj"/>, or to an undefined element when it is missing.</summary>
    public static void Collect(JsonElement obj, byte[][] names, Span<JsonElement> values)
    {
        values.Clear();
        foreach (var property in obj.EnumerateObject())
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.IndexOf((byte)'\\') >= 0)
            {
                for (var i = 0; i < names.Length; i++)
                {
                    if (property.NameEquals(names[i]))
                    {
                        values[i] = property.Value;
                    }
                }

                continue;
            }

            for (var i = 0; i < names.Length; i++)
            {
                if (raw.SequenceEqual(names[i]))
                {
                    values[i] = property.Value;
                    break;
                }
            }
        }
    }

    /// <summary>The UTF-8 forms of <paramref name="names"/>, for <see cref="Collect"/>.</summary>
    public static byte[][] Names(params string[] names) => Array.ConvertAll(names, System.Text.Encoding.UTF8.GetBytes);
}
