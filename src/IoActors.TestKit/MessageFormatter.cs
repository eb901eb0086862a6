using System.Globalization;

namespace IoActors.TestKit;

/// <summary>Renders messages and durations for failure messages.</summary>
internal static class MessageFormatter
{
    private const int MaxLength = 300;

    /// <summary>The message's text (its <c>ToString()</c>, prefixed by its type when that adds information), shortened.</summary>
    public static string Describe(object? message)
    {
        if (message is null)
        {
            return "null";
        }

        var type = message.GetType();
        string text;
        try
        {
            text = message.ToString() ?? string.Empty;
        }
        catch (Exception ex)
        {
            text = $"<ToString threw {ex.GetType().Name}>";
        }

        if (message is string)
        {
            text = $"\"{text}\" (String)";
        }
        else if (!text.StartsWith(type.Name, StringComparison.Ordinal))
        {
            text = $"{text} ({TypeName(type)})";
        }

        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
    }

    /// <summary>A list of envelopes, one per line, or "nothing".</summary>
    public static string DescribeAll(IReadOnlyCollection<MessageEnvelope> received)
    {
        if (received.Count == 0)
        {
            return "nothing arrived";
        }

        return $"{received.Count} message(s) arrived:" + string.Concat(received.Select(e => Environment.NewLine + "  - " + e));
    }

    /// <summary>A duration in milliseconds, e.g. "3000 ms".</summary>
    public static string Ms(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? "infinite" : duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A readable type name, generic arguments included.</summary>
    public static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }
}
