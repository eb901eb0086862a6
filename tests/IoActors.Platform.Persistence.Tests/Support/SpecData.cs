using IoActors.Platform.Hosting;
using IoActors.Platform.Persistence;

namespace IoActors.Platform.Persistence.Tests.Support;

/// <summary>The payloads the specs persist: the platform's own types, so the specs run through its serializer.</summary>
internal static class SpecData
{
    public static readonly DateTime Start = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    /// <summary>The event the specs write at <paramref name="number"/>.</summary>
    public static InstanceHistoryEntry Event(long number, string name = "a") => new(
        number % 2 == 0 ? InstanceHistoryKind.Started : InstanceHistoryKind.Stopped,
        $"{name}-{number}",
        "app-" + name,
        new DateTimeOffset(Start.AddMinutes(number)),
        (int)number,
        ExitCode: number % 2 == 0 ? null : (int)number,
        Reason: number % 3 == 0 ? null : $"reason {name} {number}");

    /// <summary>The snapshot the specs save at <paramref name="number"/>: the events 1..number.</summary>
    public static InstanceHistorySnapshot State(long number, string name = "s") =>
        new(Enumerable.Range(1, (int)number).Select(i => Event(i, name)).ToList());
}

/// <summary>A type bound to the platform serializer in the specs' configuration that it has no manifest for.</summary>
public sealed record UnserializableEvent(string Text);
