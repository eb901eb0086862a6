namespace IoActors.Hocon;

/// <summary>
/// Where a value was written, in the compact form values store: the parsed text and an offset into it (the line and
/// column are computed on demand), or an origin given outright (values that did not come from text, e.g. an
/// environment variable), or nothing.
/// </summary>
internal readonly struct HoconOriginRef
{
    public HoconOriginRef(HoconSourceText file, int offset)
    {
        Source = file;
        Offset = offset;
    }

    private HoconOriginRef(object? source, int offset)
    {
        Source = source;
        Offset = offset;
    }

    /// <summary>A <see cref="HoconSourceText"/>, a <see cref="FixedOrigin"/>, or <see langword="null"/> for no origin.</summary>
    public object? Source { get; }

    /// <summary>The offset into the text when <see cref="Source"/> is a <see cref="HoconSourceText"/>.</summary>
    public int Offset { get; }

    public static implicit operator HoconOriginRef(HoconOrigin origin) =>
        origin == default ? default : new HoconOriginRef(new FixedOrigin(origin), 0);

    /// <summary>Rebuilds a reference from the parts a value stores.</summary>
    public static HoconOriginRef FromParts(object? source, int offset) => new(source, offset);

    public HoconOrigin ToOrigin() => Source switch
    {
        HoconSourceText file => file.OriginAt(Offset),
        FixedOrigin fixedOrigin => fixedOrigin.Origin,
        _ => default,
    };

    /// <summary>An origin given outright.</summary>
    public sealed class FixedOrigin
    {
        public FixedOrigin(HoconOrigin origin)
        {
            Origin = origin;
        }

        public HoconOrigin Origin { get; }
    }
}
