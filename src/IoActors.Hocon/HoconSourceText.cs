namespace IoActors.Hocon;

/// <summary>
/// One parsed text and its name. Values parsed from it keep a reference to it and their offset, so an origin (line and
/// column) is computed only when asked for, from a table of line starts built on first use.
/// </summary>
internal sealed class HoconSourceText
{
    private int[]? _lineStarts;

    public HoconSourceText(string? name, string text)
    {
        Name = name;
        Text = text;
    }

    /// <summary>The file path or source name; <see langword="null"/> for text without a name.</summary>
    public string? Name { get; }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>The origin of the character at <paramref name="offset"/>: lines are counted at '\n', columns in characters from 1.</summary>
    public HoconOrigin OriginAt(int offset)
    {
        var starts = _lineStarts ??= BuildLineStarts(Text);
        var index = Array.BinarySearch(starts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return new HoconOrigin(Name, index + 1, offset - starts[index] + 1);
    }

    private static int[] BuildLineStarts(string text)
    {
        var span = text.AsSpan();
        var starts = new int[span.Count('\n') + 1];
        var line = 1;
        var position = 0;
        while (true)
        {
            var next = span[position..].IndexOf('\n');
            if (next < 0)
            {
                return starts;
            }

            position += next + 1;
            starts[line++] = position;
        }
    }
}
