namespace IoActors.Hocon.Resolution;

/// <summary>
/// Resolves every substitution of a parsed tree (HOCON.md "Substitutions", "Self-Referential Substitutions").
/// Field values are resolved lazily and memoized per node; a lookup walks the raw tree and only resolves what it needs,
/// so an object may refer to its own fields. While a definition that is a substitution or concatenation is being
/// resolved, lookups that reach its field see only the definitions below it (they "look back"); reaching an object or
/// array that is itself being resolved is a cycle. The parsed tree is the resolver's own (a parse makes it for this
/// resolution alone), so objects and arrays are resolved in place: each field or element that needs it is replaced by
/// its resolved value, and the node itself is then resolved (a lookup that reaches it later takes it as it is).
/// </summary>
internal sealed class HoconResolver
{
    // Substitution chains longer than this are reported rather than risking the stack.
    private const int MaxDepth = 400;

    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;

    // A substitution, concatenation or merge stack keeps its own resolved value (HoconUnresolvedValue); objects and
    // arrays are resolved in place.

    // Result of merging the first n layers of a merge stack, keyed by (node, n); made for the first stack.
    private Dictionary<(HoconValue Node, int Count), HoconValue?>? _prefixes;

    // The field nodes being resolved, innermost last, each with the index of the lowest of its layers in progress
    // (a node entered again carries the lower of the two). As deep as the resolution is nested, so searched linearly.
    private (HoconValue Node, int Index)[] _active = new (HoconValue, int)[16];
    private int _activeCount;

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

    private static int LayerCount(HoconValue node) => node is HoconMergeStack stack ? stack.Layers.Count : 1;

    private static HoconValue LayerAt(HoconValue node, int index) => node is HoconMergeStack stack ? stack.Layers[index] : node;

    private HoconValue? ResolveNode(HoconValue node)
    {
        if (!node.NeedsResolution)
        {
            return node;
        }

        if (node is HoconObject or HoconArray)
        {
            // Resolved in place: afterwards it no longer needs resolution, and the next call returns it at once.
            return ResolvePrefix(node, 1);
        }

        var unresolved = (HoconUnresolvedValue)node;
        if (unresolved.IsResolved)
        {
            return unresolved.Resolved;
        }

        var result = ResolvePrefix(node, LayerCount(node));
        unresolved.SetResolved(result);
        return result;
    }

    private bool TryGetActive(HoconValue node, out int index)
    {
        for (var i = _activeCount - 1; i >= 0; i--)
        {
            if (ReferenceEquals(_active[i].Node, node))
            {
                index = _active[i].Index;
                return true;
            }
        }

        index = 0;
        return false;
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
        if (cache && (_prefixes ??= new(PrefixComparer.Instance)).TryGetValue(key, out var cached))
        {
            return cached;
        }

        HoconValue? result = null;
        for (var k = count - 1; k >= 0; k--)
        {
            var value = ResolveLayer(node, k, LayerAt(node, k));
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
            _prefixes![key] = result;
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

        var hadPrevious = TryGetActive(node, out var previous);
        if (_activeCount == _active.Length)
        {
            Array.Resize(ref _active, _activeCount * 2);
        }

        _active[_activeCount++] = (node, hadPrevious ? Math.Min(previous, index) : index);
        try
        {
            return ResolveValue(layer);
        }
        finally
        {
            _active[--_activeCount] = default;
            _depth--;
        }
    }

    private HoconValue? ResolveValue(HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
            {
                List<int>? undefined = null;
                for (var i = 0; i < obj.Count; i++)
                {
                    // A slice is a plain scalar; a field that is resolved already stays as it is.
                    if (obj.SlotAt(i).Value is not { NeedsResolution: true } field)
                    {
                        continue;
                    }

                    var resolved = ResolveNode(field);
                    if (resolved is null)
                    {
                        (undefined ??= []).Add(i);
                    }
                    else if (!ReferenceEquals(resolved, field))
                    {
                        obj.SetAt(i, resolved);
                    }
                }

                if (undefined is not null)
                {
                    obj.RemoveAt(undefined);
                }

                obj.HasUnresolved = false;
                return obj;
            }

            case HoconArray array:
            {
                List<int>? undefined = null;
                for (var i = 0; i < array.Count; i++)
                {
                    if (array.SlotAt(i).Value is not { NeedsResolution: true } element)
                    {
                        continue;
                    }

                    var resolved = ResolveNode(element);
                    if (resolved is null)
                    {
                        (undefined ??= []).Add(i);
                    }
                    else if (!ReferenceEquals(resolved, element))
                    {
                        array.SetAt(i, resolved);
                    }
                }

                if (undefined is not null)
                {
                    array.RemoveAt(undefined);
                }

                array.HasUnresolved = false;
                return array;
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

        if (TryGetActive(node, out var index))
        {
            var layer = LayerAt(node, index);
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

        if (TryGetActive(node, out var index))
        {
            var layer = LayerAt(node, index);
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
