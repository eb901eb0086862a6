namespace IoActors.Hocon;

/// <summary>Options for <see cref="HoconConfig.Parse(string, string?, HoconParseOptions?)"/> and <see cref="HoconConfig.Load(string, HoconParseOptions?)"/>.</summary>
public sealed class HoconParseOptions
{
    /// <summary>The options used when none are given.</summary>
    public static HoconParseOptions Default { get; } = new();

    /// <summary>
    /// Looks up an environment variable for a substitution not found in the configuration (the name is the path as
    /// written, e.g. <c>HOME</c> for <c>${HOME}</c>); returns <see langword="null"/> when the variable is not set.
    /// The default is <see cref="Environment.GetEnvironmentVariable(string)"/>.
    /// </summary>
    public Func<string, string?> EnvironmentVariables { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// The folder that relative includes resolve against when the text being parsed is not a file.
    /// The default is <see langword="null"/>: the current directory.
    /// </summary>
    public string? BaseDirectory { get; init; }

    /// <summary>How deeply includes may nest before the load fails. The default is 32.</summary>
    public int MaxIncludeDepth { get; init; } = 32;
}
