using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace IoActors.Hocon;

/// <summary>An object: fields in the order they were first defined, keys compared ordinally (case-sensitive).</summary>
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly OrderedDictionary<string, HoconValue> _fields;

    internal HoconObject(HoconOrigin origin)
        : base(origin)
    {
        _fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override HoconValueKind Kind => HoconValueKind.Object;

    /// <inheritdoc />
    public int Count => _fields.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _fields.Keys;

    /// <inheritdoc />
    public IEnumerable<HoconValue> Values => _fields.Values;

    /// <inheritdoc />
    public HoconValue this[string key] => _fields[key];

    /// <summary>Set while parsing when a field needs resolution.</summary>
    internal bool HasUnresolved { get; set; }

    internal override bool NeedsResolution => HasUnresolved;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _fields.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Set(string key, HoconValue value) => _fields[key] = value;

    internal HoconValue? Get(string key) => _fields.TryGetValue(key, out var value) ? value : null;
}
