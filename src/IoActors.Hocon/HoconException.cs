namespace IoActors.Hocon;

/// <summary>
/// A HOCON file is malformed, a substitution cannot be resolved, or a value has the wrong type.
/// The message reads <c>file:line:col: reason</c> when the position is known.
/// </summary>
public sealed class HoconException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">What is wrong, e.g. what was expected.</param>
    /// <param name="file">The file or source name, if known.</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="path">The configuration path involved, if any.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public HoconException(string reason, string? file = null, int line = 0, int column = 0, string? path = null, Exception? innerException = null)
        : base(Format(reason, file, line, column), innerException)
    {
        Reason = reason;
        File = file;
        Line = line;
        Column = column;
        Path = path;
    }

    internal HoconException(string reason, HoconOrigin origin, string? path = null)
        : this(reason, origin.Source, origin.Line, origin.Column, path)
    {
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The file (or source name) where the problem is, if known.</summary>
    public string? File { get; }

    /// <summary>The 1-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the problem, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The configuration path involved (e.g. the undefined substitution), if any.</summary>
    public string? Path { get; }

    private static string Format(string reason, string? file, int line, int column)
    {
        if (line > 0)
        {
            return $"{file ?? "<string>"}:{line}:{column}: {reason}";
        }

        return file is null ? reason : $"{file}: {reason}";
    }
}
