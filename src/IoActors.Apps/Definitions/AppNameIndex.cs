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
    private readonly Dictionary<string, T> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, T First)> _folded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds what <paramref name="name"/> clashes with, without adding it.</summary>
    /// <returns>The clash, or <see langword="null"/> when the name is new (in every letter case).</returns>
    public AppNameClash<T>? Find(string name)
    {
        if (_exact.TryGetValue(name, out var first))
        {
            return new AppNameClash<T>(ProblemSeverity.Error, name, first);
        }

        return _folded.TryGetValue(name, out var similar) ? new AppNameClash<T>(ProblemSeverity.Warning, similar.Name, similar.First) : null;
    }

    /// <summary>Records an accepted name (one that is new, or differs only in letter case).</summary>
    public void Add(string name, T first)
    {
        _exact.TryAdd(name, first);
        _folded.TryAdd(name, (name, first));
    }
}
