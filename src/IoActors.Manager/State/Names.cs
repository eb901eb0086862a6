namespace IoActors.Manager.State;

/// <summary>The rules for the names the server stores (users, groups, ids): 1 to 256 characters, no control characters.</summary>
internal static class Names
{
    public const int MaxLength = 256;

    /// <summary>Throws a 400 naming the field when <paramref name="value"/> is not a usable name.</summary>
    public static string Check(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ManagerException.BadRequest($"{field}: required, a non-empty string");
        }

        if (value.Length > MaxLength)
        {
            throw ManagerException.BadRequest($"{field}: {value.Length} characters; at most {MaxLength} are allowed");
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                throw ManagerException.BadRequest($"{field}: '{Printable(value)}' holds a control or unpaired surrogate character (U+{(int)c:X4})");
            }
        }

        return value;
    }

    /// <summary>The value with control characters escaped and cut to 80 characters, for messages.</summary>
    public static string Printable(string value)
    {
        var cut = value.Length > 80 ? value[..80] + "…" : value;
        return string.Concat(cut.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
