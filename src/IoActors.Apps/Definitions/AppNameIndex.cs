namespace IoActors.Apps.Definitions;

/// <summary>A name that clashes with one seen before in the same store.</summary>
/// <typeparam name="T">What is kept about the first occurrence (its index, file or definition).</typeparam>
/// <param name="Severity">Error for the same name, warning for a name that differs only in letter case.</param>
/// <param name="FirstName">The name as first seen.</param>
/// <param name="First">What was kept about the first occurrence.</param>
internal readonly record struct AppNameClash<T>(ProblemSeverity Severity, string FirstName, T First)
{
    /// <summary>The problem message for <paramref name="name"/>; <paramref name="where"/> says where the first one is (e.g. <c> in a.json</c>, or empty).</summary>
    public string Message(string name, string where) => Severity == ProblemSeverity.Error
        ? $"\"{name}\" is already defined{where}; app names must be unique within a store"
        : $"\"{name}\" differs only in letter case from \"{FirstName}\", defined{where}; names are case-sensitive, so both are kept, but they are easily confused";
}

/// <summary>
/// The app names of one store so far, for the store-level rule: a later occurrence of a name is an error (it is rejected),
/// a name that differs from an earlier one only in letter case is a warning (both are kept).
/// </summary>
/// <typeparam name="T">What is kept about each first occurrence.</typeparam>
internal sealed class AppNameIndex<T>
{
    // Every name by its folded form (the first one seen in each letter case family), and the later case variants by their exact
    // form: a new name costs one lookup and one insert.
    private readonly Dictionary<string, (string Name, T First)> _folded;
    private readonly Dictionary<string, T> _variants = new(StringComparer.Ordinal);

    /// <summary>An empty index.</summary>
    /// <param name="capacity">How many names are expected (0 when not known).</param>
    public AppNameIndex(int capacity = 0) => _folded = new(capacity, StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds what <paramref name="name"/> clashes with, without adding it.</summary>
    /// <returns>The clash, or <see langword="null"/> when the name is new (in every letter case).</returns>
    public AppNameClash<T>? Find(string name)
    {
        if (!_folded.TryGetValue(name, out var similar))
        {
            return null;
        }

        if (string.Equals(similar.Name, name, StringComparison.Ordinal))
        {
            return new AppNameClash<T>(ProblemSeverity.Error, name, similar.First);
        }

        return _variants.TryGetValue(name, out var first)
            ? new AppNameClash<T>(ProblemSeverity.Error, name, first)
            : new AppNameClash<T>(ProblemSeverity.Warning, similar.Name, similar.First);
    }

    /// <summary>Records an accepted name (one that is new, or differs only in letter case).</summary>
    public void Add(string name, T first)
    {
        if (!_folded.TryAdd(name, (name, first)) && !string.Equals(_folded[name].Name, name, StringComparison.Ordinal))
        {
            _variants.TryAdd(name, first);
        }
    }
}
