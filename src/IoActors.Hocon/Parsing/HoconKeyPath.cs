namespace IoActors.Hocon.Parsing;

/// <summary>The path of the object being parsed, as a parent chain so it is only turned into an array when needed (+=, include).</summary>
internal sealed class HoconKeyPath
{
    public HoconKeyPath(HoconKeyPath? parent, string[] keys)
    {
        Parent = parent;
        Keys = keys;
    }

    public HoconKeyPath? Parent { get; }

    public string[] Keys { get; }

    public static string[] ToArray(HoconKeyPath? path, string[]? last = null)
    {
        var length = last?.Length ?? 0;
        for (var node = path; node is not null; node = node.Parent)
        {
            length += node.Keys.Length;
        }

        var result = new string[length];
        var end = length;
        if (last is not null)
        {
            end -= last.Length;
            last.CopyTo(result, end);
        }

        for (var node = path; node is not null; node = node.Parent)
        {
            end -= node.Keys.Length;
            node.Keys.CopyTo(result, end);
        }

        return result;
    }
}
