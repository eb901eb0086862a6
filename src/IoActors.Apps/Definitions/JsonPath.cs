using System.Text;

namespace IoActors.Apps.Definitions;

/// <summary>An immutable JSON path inside a definition, built as a parent chain so that descending costs one small object.</summary>
internal sealed class JsonPath
{
    /// <summary>The empty path (the definition itself).</summary>
    public static readonly JsonPath Root = new();

    private JsonPath()
        : this(null, null, -1)
    {
        _shared = new(ReferenceEqualityComparer.Instance);
    }

    private JsonPath(JsonPath? parent, string? name, int index)
    {
        Parent = parent;
        Name = name;
        Index = index;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public JsonPath? Parent { get; }

    /// <summary>The property name, or <see langword="null"/> for an array index.</summary>
    public string? Name { get; }

    /// <summary>The array index, or -1 for a property.</summary>
    public int Index { get; }

    public int Depth { get; }

    /// <summary>The path of <paramref name="segments"/> from <paramref name="start"/> on (a string per property, an int per item).</summary>
    public static JsonPath Of(object[] segments, int start = 0)
    {
        var path = Root;
        for (var i = start; i < segments.Length; i++)
        {
            path = segments[i] is int item ? path.Item(item) : path.Property((string)segments[i]);
        }

        return path;
    }

    // The first levels under the root hold the paths of the documented properties (details.zoom, details.zoom.factors...),
    // which validation names for every definition it checks: they are made once and shared (a path never changes). Only a
    // name that is an interned string is kept (the code's own names; a name read from input is a new string), at most
    // SharedChildren under one path and SharedLimit in all, so no input can make the shared paths grow and no run of
    // other names can crowd out the documented ones.
    private const int SharedDepth = 3;
    private const int SharedChildren = 128;
    private const int SharedLimit = 16_384;

    private static int s_sharedCount;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonPath>? _shared;
    private int _sharedChildren;

    private JsonPath(JsonPath parent, string name, bool shared)
        : this(parent, name, -1)
    {
        if (shared && Depth < SharedDepth)
        {
            _shared = new(ReferenceEqualityComparer.Instance);
        }
    }

    /// <summary>How many shared paths exist in all (at most <see cref="SharedCapacity"/>).</summary>
    internal static int SharedCount => Volatile.Read(ref s_sharedCount);

    /// <summary>The most shared paths there can be in all.</summary>
    internal static int SharedCapacity => SharedLimit;

    /// <summary>The most shared paths one path keeps under it.</summary>
    internal static int SharedChildrenCapacity => SharedChildren;

    /// <summary>Whether this path is one of the shared ones.</summary>
    internal bool IsShared => Depth == 0 || (Parent?._shared is { } siblings && Name is not null && siblings.TryGetValue(Name, out var me) && ReferenceEquals(me, this));

    public JsonPath Property(string name)
    {
        var shared = _shared;
        if (shared is null)
        {
            return new(this, name, -1);
        }

        if (shared.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!ReferenceEquals(string.IsInterned(name), name)
            || Volatile.Read(ref _sharedChildren) >= SharedChildren
            || Volatile.Read(ref s_sharedCount) >= SharedLimit)
        {
            return new(this, name, -1);
        }

        var child = new JsonPath(this, name, shared: true);
        if (!shared.TryAdd(name, child))
        {
            return shared[name];
        }

        Interlocked.Increment(ref _sharedChildren);
        Interlocked.Increment(ref s_sharedCount);
        return child;
    }

    public JsonPath Item(int index) => new(this, null, index);

    /// <summary>The segments from the root: a string for a property, an int for an array index.</summary>
    public object[] Segments()
    {
        var segments = new object[Depth];
        for (var p = this; p.Parent is not null; p = p.Parent)
        {
            segments[p.Depth - 1] = p.Name is not null ? p.Name : p.Index;
        }

        return segments;
    }

    /// <summary>Formats as <c>details.zoom.factors[3]</c>; names that are not simple identifiers use <c>['a.b']</c>.</summary>
    public override string ToString() => Format(rooted: false);

    /// <summary>Formats from the root sign, as JSONPath does: <c>$</c>, <c>$.details.url</c>, <c>$[0].title</c>, <c>$['a.b']</c>.</summary>
    public string ToRootedString() => Format(rooted: true);

    private string Format(bool rooted)
    {
        if (Depth == 0)
        {
            return rooted ? "$" : string.Empty;
        }

        var sb = new StringBuilder(rooted ? "$" : string.Empty);
        foreach (var segment in Segments())
        {
            if (segment is int i)
            {
                sb.Append('[').Append(i).Append(']');
            }
            else
            {
                var name = (string)segment;
                if (IsSimple(name))
                {
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }

                    sb.Append(name);
                }
                else
                {
                    sb.Append("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
                }
            }
        }

        return sb.ToString();
    }

    private static bool IsSimple(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
