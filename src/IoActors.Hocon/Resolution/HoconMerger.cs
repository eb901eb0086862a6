using System.Text;
using IoActors.Hocon.Parsing;

namespace IoActors.Hocon.Resolution;

/// <summary>Object merging (HOCON.md "Duplicate keys and object merging") and value concatenation ("Value concatenation").</summary>
internal static class HoconMerger
{
    /// <summary>
    /// Merges a later definition into an earlier one while parsing. Parsed objects are fresh, so they are merged in place;
    /// definitions that need resolution are kept in a <see cref="HoconMergeStack"/> so self-references can look back.
    /// </summary>
    public static HoconValue MergeParsed(HoconValue? existing, HoconValue incoming)
    {
        if (existing is null)
        {
            return incoming;
        }

        switch (incoming)
        {
            case HoconObject incomingObject:
                switch (existing)
                {
                    case HoconObject existingObject:
                        var from = incomingObject.SourceText;
                        for (var i = 0; i < incomingObject.Count; i++)
                        {
                            var key = incomingObject.KeyAt(i);
                            var slot = incomingObject.SlotAt(i);
                            if (slot.Value is not { } value)
                            {
                                // A scalar replaces what was there.
                                existingObject.Set(key, slot, from);
                                continue;
                            }

                            var merged = MergeParsed(existingObject.Get(key), value);
                            existingObject.Set(key, merged);
                            if (merged.NeedsResolution)
                            {
                                existingObject.HasUnresolved = true;
                            }
                        }

                        return existingObject;
                    case HoconMergeStack stack:
                        if (stack.Layers[^1] is HoconObject top)
                        {
                            stack.Layers[^1] = MergeParsed(top, incomingObject);
                        }
                        else
                        {
                            stack.Layers.Add(incomingObject);
                        }

                        return stack;
                    case HoconSubstitution or HoconConcatenation:
                        return new HoconMergeStack([existing, incomingObject]);
                    default:
                        // An object after a non-object replaces it: no merge (the intervening value blocks it).
                        return incomingObject;
                }

            case HoconMergeStack incomingStack:
                var result = existing;
                foreach (var layer in incomingStack.Layers)
                {
                    result = MergeParsed(result, layer);
                }

                return result;
            case HoconSubstitution or HoconConcatenation:
                if (existing is HoconMergeStack existingStack)
                {
                    existingStack.Layers.Add(incoming);
                    return existingStack;
                }

                return new HoconMergeStack([existing, incoming]);
            default:
                // A later non-object value wins; what it hides is never evaluated.
                return incoming;
        }
    }

    /// <summary>Merges two resolved objects without changing either: fields of <paramref name="over"/> win.</summary>
    public static HoconObject MergeResolved(HoconObject over, HoconObject under)
    {
        var result = new HoconObject(over.OriginRef);
        result.EnsureCapacity(under.Count + over.Count);
        var underText = under.SourceText;
        for (var i = 0; i < under.Count; i++)
        {
            result.Add(under.KeyAt(i), under.SlotAt(i), underText);
        }

        var overText = over.SourceText;
        for (var i = 0; i < over.Count; i++)
        {
            var key = over.KeyAt(i);
            var slot = over.SlotAt(i);
            if (slot.Value is HoconObject overChild && result.Get(key) is HoconObject underChild)
            {
                result.Set(key, MergeResolved(overChild, underChild));
            }
            else
            {
                result.Set(key, slot, overText);
            }
        }

        return result;
    }

    /// <summary>Builds a concatenation while parsing: folded at once unless a part is a substitution.</summary>
    public static HoconValue Concatenate(List<HoconValue> parts, HoconOriginRef origin, HoconParseContext context)
    {
        foreach (var part in parts)
        {
            if (part is HoconSubstitution or HoconConcatenation)
            {
                context.UnresolvedCount++;
                return new HoconConcatenation(parts, origin);
            }
        }

        return Combine(parts, origin, parsing: true)!;
    }

    /// <summary>
    /// Combines the parts of a concatenation: all objects merge, all arrays concatenate, all simple values join into a string
    /// (whitespace between them kept). A <see langword="null"/> part is an undefined optional substitution; if every part
    /// is undefined the result is <see langword="null"/> (undefined).
    /// </summary>
    public static HoconValue? Combine(IReadOnlyList<HoconValue?> parts, HoconOriginRef origin, bool parsing)
    {
        int objects = 0, arrays = 0, simples = 0, arrayLikeObjects = 0;
        HoconValue? firstComplex = null;
        HoconValue? firstSimple = null;
        foreach (var part in parts)
        {
            switch (part)
            {
                case null:
                    continue;
                case HoconScalar { IsWhitespace: true }:
                    continue;
                case HoconObject obj:
                    objects++;
                    firstComplex ??= part;
                    if (HoconArrayConversion.TryConvert(obj) is not null)
                    {
                        arrayLikeObjects++;
                    }

                    break;
                case HoconArray:
                    arrays++;
                    firstComplex ??= part;
                    break;
                default:
                    simples++;
                    firstSimple ??= part;
                    break;
            }
        }

        if (objects + arrays + simples == 0)
        {
            return null;
        }

        if (simples == 0 && arrays == 0)
        {
            HoconObject? merged = null;
            foreach (var part in parts)
            {
                if (part is HoconObject obj)
                {
                    merged = merged is null ? obj : parsing ? (HoconObject)MergeParsed(merged, obj) : MergeResolved(obj, merged);
                }
            }

            return merged;
        }

        if (simples == 0 && objects == arrayLikeObjects)
        {
            // HOCON.md "Conversion of numerically-indexed objects to arrays": done in a concatenation when a list is expected.
            var combined = new HoconArray(origin);
            var unresolved = false;
            foreach (var part in parts)
            {
                var array = part switch
                {
                    HoconArray a => a,
                    HoconObject o => HoconArrayConversion.TryConvert(o),
                    _ => null,
                };
                if (array is null)
                {
                    continue;
                }

                combined.AddRange(array);
                unresolved |= array.HasUnresolved;
            }

            combined.HasUnresolved = unresolved;
            return combined;
        }

        if (objects == 0 && arrays == 0)
        {
            var builder = new StringBuilder();
            foreach (var part in parts)
            {
                if (part is HoconScalar scalar)
                {
                    builder.Append(scalar.Text);
                }
            }

            return HoconScalar.String(builder.ToString(), origin);
        }

        var complex = firstComplex!;
        var other = firstSimple is null ? (complex.Kind == HoconValueKind.Object ? "an array" : "an object") : $"the {Describe(firstSimple)}";
        throw new HoconException($"cannot concatenate {Article(complex)} with {other}: a value concatenation must be all strings, all arrays or all objects", complex.Origin);
    }

    private static string Article(HoconValue value) => value.Kind == HoconValueKind.Object ? "an object" : "an array";

    private static string Describe(HoconValue value) => value is HoconScalar scalar
        ? $"{scalar.Kind.ToString().ToLowerInvariant()} '{scalar.Text}'"
        : value.Kind.ToString().ToLowerInvariant();
}
