namespace IoActors.Hocon.Parsing;

/// <summary>
/// The working arrays of a parse, kept per thread between parses (as <c>ArrayPool</c> keeps JsonDocument's): the
/// per-depth field arrays objects are collected in and the key cache's slots. They hold nothing of a finished parse:
/// field arrays are cleared as each object takes its fields, and the key slots when the buffers come back.
/// </summary>
internal sealed class HoconParseBuffers
{
    // Arrays beyond these sizes are not kept for the next parse.
    private const int MaxKeptEntries = 1 << 16;

    [ThreadStatic]
    private static HoconParseBuffers? t_cached;

    private string?[] _keySlots = [];
    private int _keySlotsUsed;

    private HoconParseBuffers()
    {
    }

    /// <summary>Per nesting depth, the array the fields of the object being parsed there are collected in.</summary>
    public List<HoconFieldMap.Entry[]> FieldScratch { get; } = [];

    /// <summary>Takes this thread's buffers, or new ones when they are in use (a parse inside a parse).</summary>
    public static HoconParseBuffers Rent()
    {
        var buffers = t_cached;
        if (buffers is null)
        {
            return new HoconParseBuffers();
        }

        t_cached = null;
        return buffers;
    }

    /// <summary>Gives the buffers back after a parse that completed (one that threw may have left fields in them).</summary>
    public static void Return(HoconParseBuffers buffers)
    {
        Array.Clear(buffers._keySlots, 0, buffers._keySlotsUsed);
        buffers._keySlotsUsed = 0;
        var scratch = buffers.FieldScratch;
        for (var i = 0; i < scratch.Count; i++)
        {
            if (scratch[i].Length > MaxKeptEntries)
            {
                scratch[i] = new HoconFieldMap.Entry[16];
            }
        }

        t_cached = buffers;
    }

    /// <summary>An empty key cache of <paramref name="slots"/> slots (a power of two); the array may be longer.</summary>
    public string?[] KeySlots(int slots)
    {
        if (_keySlots.Length < slots)
        {
            _keySlots = new string?[slots];
        }

        _keySlotsUsed = Math.Max(_keySlotsUsed, slots);
        return _keySlots;
    }
}
