namespace IoActors.Hocon;

/// <summary>Array helpers shared by <see cref="HoconArray"/> and <see cref="HoconFieldMap"/>, which keep their entries in arrays of their own.</summary>
internal static class SlotArrays
{
    /// <summary>Removes the entries at <paramref name="positions"/> (ascending) from the first <paramref name="count"/> of <paramref name="items"/>, keeping the order of the others.</summary>
    /// <returns>How many entries are left.</returns>
    public static int RemoveAt<T>(T[] items, int count, List<int> positions)
    {
        var kept = 0;
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            if (next < positions.Count && positions[next] == i)
            {
                next++;
                continue;
            }

            items[kept++] = items[i];
        }

        Array.Clear(items, kept, count - kept);
        return kept;
    }
}
