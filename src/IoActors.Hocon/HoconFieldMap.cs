using System.Diagnostics.CodeAnalysis;

namespace IoActors.Hocon;

/// <summary>
/// The fields of an object in insertion order, kept inline in the object (a struct: no separate allocation) as one
/// array of key/value entries. Small objects (most configuration objects) are searched linearly; a hash index is added
/// once an object grows past <see cref="IndexThreshold"/> fields.
/// </summary>
internal struct HoconFieldMap
{
    private const int IndexThreshold = 8;

    private Entry[]? _entries;
    private Dictionary<string, int>? _index;
    private int _count;

    public readonly int Count => _count;

    public readonly string KeyAt(int position) => _entries![position].Key;

    public readonly HoconValue ValueAt(int position) => _entries![position].Value;

    public readonly bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value)
    {
        var position = IndexOf(key);
        if (position < 0)
        {
            value = null;
            return false;
        }

        value = _entries![position].Value;
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

        if (_index is null && capacity > IndexThreshold)
        {
            _index = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
            for (var i = 0; i < _count; i++)
            {
                _index[_entries[i].Key] = i;
            }
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

    /// <summary>Moves the fields off the borrowed array (which may have been replaced by a larger one) and returns it.</summary>
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
            Array.Copy(scratch, _entries, _count);
        }

        return scratch;
    }

    public void Set(string key, HoconValue value)
    {
        var position = IndexOf(key);
        if (position >= 0)
        {
            _entries![position].Value = value;
            return;
        }

        Add(key, value);
    }

    /// <summary>Appends a field known not to be present yet.</summary>
    public void Add(string key, HoconValue value)
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
        if (_index is not null)
        {
            _index[key] = _count;
        }
        else if (_count + 1 > IndexThreshold)
        {
            _index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
            for (var i = 0; i <= _count; i++)
            {
                _index[_entries[i].Key] = i;
            }
        }

        _count++;
    }

    public readonly void SetAt(int position, HoconValue value) => _entries![position].Value = value;

    public readonly int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var position) ? position : -1;
        }

        var entries = _entries;
        for (var i = 0; i < _count; i++)
        {
            var candidate = entries![i].Key;
            if (ReferenceEquals(candidate, key) || string.Equals(candidate, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One field.</summary>
    internal struct Entry
    {
        public readonly string Key;
        public HoconValue Value;

        public Entry(string key, HoconValue value)
        {
            Key = key;
            Value = value;
        }
    }
}
