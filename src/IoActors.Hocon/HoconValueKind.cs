namespace IoActors.Hocon;

/// <summary>The JSON type of a resolved <see cref="HoconValue"/>.</summary>
public enum HoconValueKind
{
    /// <summary>An object: an ordered set of named fields.</summary>
    Object,

    /// <summary>An array of values.</summary>
    Array,

    /// <summary>A string (quoted, unquoted, triple-quoted or a concatenation).</summary>
    String,

    /// <summary>A number, kept as written in the file.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>The <c>null</c> value.</summary>
    Null,
}
