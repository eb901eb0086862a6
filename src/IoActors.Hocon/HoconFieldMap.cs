using System.Diagnostics.CodeAnalysis;

namespace IoActors.Hocon;

/// <summary>
/// The fields of an object in insertion order, kept inline in the object (a struct: no separate allocation) as one
/// array of key/value entries (a value may be a slice of the object's text, see <see cref="HoconSlot"/>). Small objects (most configuration objects) are searched linearly; an object with more
/// than <see cref="IndexThreshold"/> fields gets a hash index (an open-addressing table of positions) the first time
/// it is searched, so an object that is only enumerated never builds one.
/// </summary>
internal struct HoconFieldMap
{
    private const int IndexThreshold = 8;

    private Entry[]? _entries;

    // Slot = position + 1 (0 = empty); its length is a power of two at least twice the count. Null until a search needs it.
    private int[]? _index;
    private int _count;

    public readonly int Count => _count;

    public readonly string KeyAt(int position) => _entries![position].Key;

    /// <summary>The value at a position; a slice of <paramref name="file"/> is made into its scalar (once: later reads get the same one).</summary>
    public readonly HoconValue ValueAt(int position, HoconSourceText? file)
    {
        ref var entry = ref _entries![position];
        var value = entry.Value;
        if (value is not null)
        {
            return value;
        }

        var made = HoconScalar.FromSlice(file!, entry.Offset, entry.Bits);
        return Interlocked.CompareExchange(ref entry.Value, made, null) ?? made;
    }

    /// <summary>The value at a position as stored (a slice stays a slice).</summary>
    public readonly HoconSlot SlotAt(int position)
    {
        ref readonly var entry = ref _entries![position];
        return entry.Value is { } value ? new HoconSlot(value) : HoconSlot.FromParts(entry.Offset, entry.Bits);
    }

    public bool TryGetValue(string key, HoconSourceText? file, [MaybeNullWhen(false)] out HoconValue value)
    {
        var position = IndexOf(key);
        if (position < 0)
        {
            value = null;
            return false;
        }

        value = ValueAt(position, file);
        return true;
    }

    /// <summary>Reserves room for at least <paramref name="capacity"/> fields.</summary>
    public void EnsureCapacity(int capacity)
    {
        if (_entries is null)
        {
            _entries = new Entry[capacity];
        }
        else if (_entries.Length < capacity)
        {
            Array.Resize(ref _entries, capacity);
        }
    }

    /// <summary>
    /// Starts an empty map on a borrowed array, so fields can be added while the final size is unknown;
    /// <see cref="ReturnScratch"/> then moves them to an array of the exact size.
    /// </summary>
    public void UseScratch(Entry[] scratch)
    {
        _entries = scratch;
    }

    /// <summary>
    /// Moves the fields off the borrowed array (which may have been replaced by a larger one), clears what it held and
    /// returns it.
    /// </summary>
    public Entry[] ReturnScratch()
    {
        var scratch = _entries!;
        if (_count == 0)
        {
            _entries = null;
        }
        else
        {
            _entries = new Entry[_count];
            var used = scratch.AsSpan(0, _count);
            used.CopyTo(_entries);
            used.Clear();
        }

        return scratch;
    }

    public void Set(string key, HoconSlot value)
    {
        var position = IndexOf(key);
        if (position >= 0)
        {
            SetAt(position, value);
            return;
        }

        Add(key, value);
    }

    /// <summary>Appends a field known not to be present yet.</summary>
    public void Add(string key, HoconSlot value)
    {
        if (_entries is null)
        {
            _entries = new Entry[4];
        }
        else if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _count * 2);
        }

        _entries[_count] = new Entry(key, value);
        _count++;
        var index = _index;
        if (index is not null)
        {
            if (_count * 2 > index.Length)
            {
                // Rebuilt at the next search, for the new size.
                _index = null;
            }
            else
            {
                Insert(index, key, _count);
            }
        }
    }

    /// <summary>Removes the fields at <paramref name="positions"/> (ascending), keeping the order of the others.</summary>
    public void RemoveAt(List<int> positions)
    {
        _count = SlotArrays.RemoveAt(_entries!, _count, positions);
        _index = null;
    }

    public readonly void SetAt(int position, HoconSlot value) => _entries![position] = new Entry(_entries[position].Key, value);

    public int IndexOf(string key)
    {
        var entries = _entries;
        var count = _count;
        if (count <= IndexThreshold)
        {
            for (var i = 0; i < count; i++)
            {
                var candidate = entries![i].Key;
                if (ReferenceEquals(candidate, key) || string.Equals(candidate, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        var index = Volatile.Read(ref _index) ?? BuildIndex();
        var mask = index.Length - 1;
        var slot = key.GetHashCode() & mask;
        while (true)
        {
            var stored = index[slot];
            if (stored == 0)
            {
                return -1;
            }

            var candidate = entries![stored - 1].Key;
            if (ReferenceEquals(candidate, key) || string.Equals(candidate, key, StringComparison.Ordinal))
            {
                return stored - 1;
            }

            slot = (slot + 1) & mask;
        }
    }

    // Built on the first search of a large object; a finished object may be searched by several threads at once, and
    // each then builds the same table (any of them may be kept).
    private int[] BuildIndex()
    {
        var entries = _entries!;
        var index = new int[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)_count * 2)];
        for (var i = 0; i < _count; i++)
        {
            Insert(index, entries[i].Key, i + 1);
        }

        Volatile.Write(ref _index, index);
        return index;
    }

    private static void Insert(int[] index, string key, int stored)
    {
        var mask = index.Length - 1;
        var slot = key.GetHashCode() & mask;
        while (index[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        index[slot] = stored;
    }

    /// <summary>One field: its key and its value, or the slice its value is made from.</summary>
    internal struct Entry
    {
        public readonly string Key;
        public HoconValue? Value;
        public readonly int Offset;
        public readonly int Bits;

        public Entry(string key, HoconSlot value)
        {
            Key = key;
            Value = value.Value;
            Offset = value.Offset;
            Bits = value.Bits;
        }
    }
}
