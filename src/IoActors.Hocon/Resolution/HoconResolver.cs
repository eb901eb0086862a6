namespace IoActors.Hocon.Resolution;

/// <summary>
/// Resolves every substitution of a parsed tree (HOCON.md "Substitutions", "Self-Referential Substitutions").
/// Field values are resolved lazily and memoized per node; a lookup walks the raw tree and only resolves what it needs,
/// so an object may refer to its own fields. While a definition that is a substitution or concatenation is being
/// resolved, lookups that reach its field see only the definitions below it (they "look back"); reaching an object or
/// array that is itself being resolved is a cycle.
/// </summary>
internal sealed class HoconResolver
{
    // Substitution chains longer than this are reported rather than risking the stack.
    private const int MaxDepth = 400;

    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;

    // Resolved value per field node; a null value means "undefined" (an optional substitution with nothing behind it).
    private readonly Dictionary<HoconValue, HoconValue?> _resolved = new(ReferenceEqualityComparer.Instance);

    // Result of merging the first n layers of a field node, keyed by (node, n).
    private readonly Dictionary<(HoconValue Node, int Count), HoconValue?> _prefixes = new(PrefixComparer.Instance);

    // For every field node being resolved: the index of the lowest layer in progress.
    private readonly Dictionary<HoconValue, int> _active = new(ReferenceEqualityComparer.Instance);

    // The substitutions being looked up, outermost first, for cycle messages.
    private readonly List<HoconSubstitution> _trail = [];
    private int _depth;
    private bool _sawLookBack;

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>Resolves the tree rooted at <paramref name="root"/>; returns it unchanged when nothing needs resolution.</summary>
    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment)
    {
        if (!root.NeedsResolution)
        {
            return root;
        }

        var resolver = new HoconResolver(root, environment);
        return (HoconObject)resolver.ResolveNode(root)!;
    }

    private static IReadOnlyList<HoconValue> LayersOf(HoconValue node) => node is HoconMergeStack stack ? stack.Layers : [node];

    private HoconValue? ResolveNode(HoconValue node)
    {
        if (!node.NeedsResolution)
        {
            return node;
        }

        if (_resolved.TryGetValue(node, out var done))
        {
            return done;
        }

        var result = ResolvePrefix(node, LayersOf(node).Count);
        _resolved[node] = result;
        return result;
    }

    // Merges the first `count` definitions of a field, newest first: a non-object hides everything below it.
    private HoconValue? ResolvePrefix(HoconValue node, int count)
    {
        if (count == 0)
        {
            return null;
        }

        // Only a merge stack is asked for several prefixes; any other node is resolved once, memoized by ResolveNode.
        var key = (node, count);
        var cache = node is HoconMergeStack;
        if (cache && _prefixes.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var layers = LayersOf(node);
        HoconValue? result = null;
        for (var k = count - 1; k >= 0; k--)
        {
            var value = ResolveLayer(node, k, layers[k]);
            if (value is null)
            {
                continue;
            }

            if (value is HoconObject obj && k > 0 && ResolvePrefix(node, k) is HoconObject below)
            {
                value = HoconMerger.MergeResolved(obj, below);
            }

            result = value;
            break;
        }

        if (cache)
        {
            _prefixes[key] = result;
        }

        return result;
    }

    private HoconValue? ResolveLayer(HoconValue node, int index, HoconValue layer)
    {
        if (!layer.NeedsResolution)
        {
            return layer;
        }

        if (++_depth > MaxDepth)
        {
            throw new HoconException($"substitutions are nested more than {MaxDepth} deep", layer.Origin);
        }

        var hadPrevious = _active.TryGetValue(node, out var previous);
        _active[node] = hadPrevious ? Math.Min(previous, index) : index;
        try
        {
            return ResolveValue(layer);
        }
        finally
        {
            if (hadPrevious)
            {
                _active[node] = previous;
            }
            else
            {
                _active.Remove(node);
            }

            _depth--;
        }
    }

    private HoconValue? ResolveValue(HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
            {
                var result = new HoconObject(obj.OriginRef);
                var count = obj.Count;
                result.EnsureCapacity(count);
                var text = obj.SourceText;
                for (var i = 0; i < count; i++)
                {
                    // The keys of an object are distinct, so they go in without a lookup; a slice is a plain scalar.
                    var slot = obj.SlotAt(i);
                    if (slot.Value is not { } field)
                    {
                        result.Add(obj.KeyAt(i), slot, text);
                    }
                    else if (ResolveNode(field) is { } resolved)
                    {
                        result.Add(obj.KeyAt(i), resolved);
                    }
                }

                return result;
            }

            case HoconArray array:
            {
                var result = new HoconArray(array.OriginRef);
                var text = array.SourceText;
                for (var i = 0; i < array.Count; i++)
                {
                    var slot = array.SlotAt(i);
                    if (slot.Value is not { } element)
                    {
                        result.Add(slot, text);
                    }
                    else if (ResolveNode(element) is { } resolved)
                    {
                        result.Add(resolved, text);
                    }
                }

                result.TrimExcess();
                return result;
            }

            case HoconSubstitution substitution:
                return ResolveSubstitution(substitution);
            case HoconConcatenation concatenation:
            {
                var parts = new List<HoconValue?>(concatenation.Parts.Count);
                foreach (var part in concatenation.Parts)
                {
                    parts.Add(part is HoconScalar ? part : ResolveNode(part));
                }

                return HoconMerger.Combine(parts, concatenation.OriginRef, parsing: false);
            }

            case HoconMergeStack stack:
                return ResolveNode(stack);
            default:
                return value;
        }
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution)
    {
        _trail.Add(substitution);
        var outerLookBack = _sawLookBack;
        _sawLookBack = false;
        try
        {
            if (TryLookup(substitution.Path, substitution, out var found))
            {
                return found;
            }

            if (substitution.FallbackPath is not null && TryLookup(substitution.FallbackPath, substitution, out found))
            {
                return found;
            }

            // HOCON.md "Substitution fallback to environment variables": only when the path is absent (null blocks it).
            var name = string.Join('.', substitution.FallbackPath ?? substitution.Path);
            var environmentValue = _environment(name);
            if (environmentValue is not null)
            {
                return HoconScalar.String(environmentValue, new HoconOrigin($"environment variable {name}", 0, 0));
            }

            if (substitution.Optional)
            {
                return null;
            }

            var path = HoconPathText.Join(substitution.FallbackPath ?? substitution.Path);
            if (_sawLookBack)
            {
                throw new HoconException(
                    $"substitution {substitution.Display} refers to itself with no earlier value to fall back on (cycle: {Trail()})",
                    substitution.Origin,
                    path);
            }

            throw new HoconException(
                $"substitution {substitution.Display} is undefined: no setting '{path}' and no environment variable '{name}' (use ${{?{path}}} if it is optional)",
                substitution.Origin,
                path);
        }
        finally
        {
            _sawLookBack |= outerLookBack;
            _trail.RemoveAt(_trail.Count - 1);
        }
    }

    // Walks the raw tree from the root; only the nodes on the way are resolved (so objects may refer into themselves).
    private bool TryLookup(string[] path, HoconSubstitution substitution, out HoconValue? found)
    {
        found = null;
        HoconValue? current = _root;
        for (var i = 0; i < path.Length; i++)
        {
            current = Child(current!, path[i], substitution);
            if (current is null)
            {
                return false;
            }
        }

        found = FullValue(current!, substitution);
        return found is not null;
    }

    private HoconValue? Child(HoconValue node, string key, HoconSubstitution substitution)
    {
        switch (node)
        {
            case HoconObject obj:
                // Descend without resolving the object: it may be the one being resolved right now.
                return obj.Get(key);
            case HoconScalar or HoconArray:
                return null;
        }

        if (_active.TryGetValue(node, out var index))
        {
            var layer = LayersOf(node)[index];
            if (layer is HoconObject inProgress && inProgress.Get(key) is { } child)
            {
                return child;
            }

            _sawLookBack = true;
            return ResolvePrefix(node, index) is HoconObject below ? below.Get(key) : null;
        }

        return ResolveNode(node) is HoconObject resolved ? resolved.Get(key) : null;
    }

    private HoconValue? FullValue(HoconValue node, HoconSubstitution substitution)
    {
        if (!node.NeedsResolution)
        {
            return node;
        }

        if (_active.TryGetValue(node, out var index))
        {
            var layer = LayersOf(node)[index];
            if (layer is HoconSubstitution or HoconConcatenation)
            {
                // A self-reference: look back at the definitions below the one being resolved.
                _sawLookBack = true;
                return ResolvePrefix(node, index);
            }

            var path = HoconPathText.Join(substitution.FallbackPath ?? substitution.Path);
            throw new HoconException(
                $"substitution {substitution.Display} is part of a cycle: the {layer.Kind.ToString().ToLowerInvariant()} at '{path}' contains a reference to itself ({Trail()})",
                substitution.Origin,
                path);
        }

        return ResolveNode(node);
    }

    // The substitutions being looked up, for a cycle message: a -> b -> a.
    private string Trail()
    {
        var parts = new string[_trail.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = HoconPathText.Join(_trail[i].FallbackPath ?? _trail[i].Path);
        }

        return string.Join(" -> ", parts);
    }

    private sealed class PrefixComparer : IEqualityComparer<(HoconValue Node, int Count)>
    {
        public static readonly PrefixComparer Instance = new();

        public bool Equals((HoconValue Node, int Count) x, (HoconValue Node, int Count) y) =>
            ReferenceEquals(x.Node, y.Node) && x.Count == y.Count;

        public int GetHashCode((HoconValue Node, int Count) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Node), obj.Count);
    }
}
