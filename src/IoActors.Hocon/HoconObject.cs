using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace IoActors.Hocon;

/// <summary>An object: fields in the order they were first defined, keys compared ordinally (case-sensitive).</summary>
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private HoconFieldMap _fields;

    internal HoconObject(HoconOriginRef origin)
        : base(origin)
    {
    }

    /// <inheritdoc />
    public override HoconValueKind Kind => HoconValueKind.Object;

    /// <inheritdoc />
    public int Count => _fields.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _fields.Count; i++)
            {
                yield return _fields.KeyAt(i);
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<HoconValue> Values
    {
        get
        {
            for (var i = 0; i < _fields.Count; i++)
            {
                yield return ValueAt(i);
            }
        }
    }

    /// <inheritdoc />
    public HoconValue this[string key] => _fields.TryGetValue(key, SourceText, out var value) ? value : throw new KeyNotFoundException($"The object has no field '{key}'.");

    /// <summary>Set while parsing when a field needs resolution.</summary>
    internal bool HasUnresolved { get; set; }

    internal override bool NeedsResolution => HasUnresolved;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _fields.IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _fields.TryGetValue(key, SourceText, out value);

    /// <summary>Enumerates the fields in order.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, HoconValue>> IEnumerable<KeyValuePair<string, HoconValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Set(string key, HoconValue value) => _fields.Set(key, value);

    /// <summary>Sets a field to a slot of a container parsed from <paramref name="from"/> (a slice of another text is made into its value).</summary>
    internal void Set(string key, HoconSlot slot, HoconSourceText? from) => _fields.Set(key, Own(slot, from));

    internal HoconValue? Get(string key) => _fields.TryGetValue(key, SourceText, out var value) ? value : null;

    internal string KeyAt(int position) => _fields.KeyAt(position);

    /// <summary>The position of a field, or -1.</summary>
    internal int IndexOf(string key) => _fields.IndexOf(key);

    /// <summary>Replaces the value at a position.</summary>
    internal void SetAt(int position, HoconValue value) => _fields.SetAt(position, value);

    /// <summary>Replaces the value at a position with a slot of a container parsed from <paramref name="from"/>.</summary>
    internal void SetAt(int position, HoconSlot slot, HoconSourceText? from) => _fields.SetAt(position, Own(slot, from));

    internal HoconValue ValueAt(int position) => _fields.ValueAt(position, SourceText);

    /// <summary>Removes the fields at <paramref name="positions"/> (ascending).</summary>
    internal void RemoveAt(List<int> positions) => _fields.RemoveAt(positions);

    /// <summary>The value at a position as stored: a slice of this object's text stays a slice.</summary>
    internal HoconSlot SlotAt(int position) => _fields.SlotAt(position);

    internal void EnsureCapacity(int capacity) => _fields.EnsureCapacity(capacity);

    /// <summary>Starts the (empty) object on a borrowed array while its fields are parsed.</summary>
    internal void UseScratch(HoconFieldMap.Entry[] scratch) => _fields.UseScratch(scratch);

    /// <summary>Moves the fields to an array of the exact size and gives the borrowed one back.</summary>
    internal HoconFieldMap.Entry[] ReturnScratch() => _fields.ReturnScratch();

    /// <summary>Appends a field the object is known not to have yet.</summary>
    internal void Add(string key, HoconValue value) => _fields.Add(key, value);

    /// <summary>Appends a field the object is known not to have yet, from a container parsed from <paramref name="from"/>.</summary>
    internal void Add(string key, HoconSlot slot, HoconSourceText? from) => _fields.Add(key, Own(slot, from));

    // A slice can only be kept by a container of the same text.
    private HoconSlot Own(HoconSlot slot, HoconSourceText? from) =>
        slot.IsSlice && !ReferenceEquals(from, SourceText) ? new HoconSlot(slot.ToValue(from)) : slot;

    /// <summary>Enumerates the fields of an object in order without allocating.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, HoconValue>>
    {
        private readonly HoconObject _fields;
        private int _position;

        internal Enumerator(HoconObject fields)
        {
            _fields = fields;
            _position = -1;
        }

        /// <inheritdoc />
        public readonly KeyValuePair<string, HoconValue> Current => new(_fields.KeyAt(_position), _fields.ValueAt(_position));

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc />
        public bool MoveNext() => ++_position < _fields.Count;

        /// <inheritdoc />
        public void Reset() => _position = -1;

        /// <inheritdoc />
        public readonly void Dispose()
        {
        }
    }
}
