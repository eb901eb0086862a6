namespace IoActors.Hocon.Parsing;

/// <summary>The key of the field being parsed: one element (the common case, no array allocated) or a dotted path.</summary>
internal readonly struct HoconFieldKey
{
    private readonly string? _single;
    private readonly string[]? _path;

    public HoconFieldKey(string single)
    {
        _single = single;
    }

    public HoconFieldKey(string[] path)
    {
        if (path.Length == 1)
        {
            _single = path[0];
        }
        else
        {
            _path = path;
        }
    }

    /// <summary>The key when it has one element; otherwise null.</summary>
    public string? Single => _single;

    public int Length => _path?.Length ?? 1;

    public string[] ToArray() => _path ?? [_single!];

    /// <summary>Appends the elements of the key to <paramref name="path"/>.</summary>
    public void AppendTo(List<string> path)
    {
        if (_path is null)
        {
            path.Add(_single!);
        }
        else
        {
            path.AddRange(_path);
        }
    }
}
