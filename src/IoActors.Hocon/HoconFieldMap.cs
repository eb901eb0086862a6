using System.Diagnostics.CodeAnalysis;

namespace IoActors.Hocon;

/// <summary>
/// The fields of an object in insertion order. Small objects (most configuration objects) are searched linearly;
/// a hash index is added once an object grows past <see cref="IndexThreshold"/> fields.
/// </summary>
internal sealed class HoconFieldMap
{
    private const int IndexThreshold = 8;

    private string[] _keys = new string[4];
    private HoconValue[] _values = new HoconValue[4];
    private Dictionary<string, int>? _index;

    public int Count { get; private set; }

    public string KeyAt(int position) => _keys[position];

    public HoconValue ValueAt(int position) => _values[position];

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value)
    {
        var position = IndexOf(key);
        if (position < 0)
        {
            value = null;
            return false;
        }

        value = _values[position];
        return true;
    }

    public void Set(string key, HoconValue value)
    {
        var position = IndexOf(key);
        if (position >= 0)
        {
            _values[position] = value;
            return;
        }

        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        _keys[Count] = key;
        _values[Count] = value;
        if (_index is not null)
        {
            _index[key] = Count;
        }
        else if (Count + 1 > IndexThreshold)
        {
            _index = new Dictionary<string, int>(Count * 2, StringComparer.Ordinal);
            for (var i = 0; i <= Count; i++)
            {
                _index[_keys[i]] = i;
            }
        }

        Count++;
    }

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var position) ? position : -1;
        }

        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
