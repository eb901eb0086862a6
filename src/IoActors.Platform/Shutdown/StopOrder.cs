using IoActors.Platform.Boot;
using IoActors.Platform.Instances;

namespace IoActors.Platform.Shutdown;

/// <summary>
/// The order instances stop in at shutdown: first those the boot did not start (started later by users or apps), then
/// the boot's apps in reverse boot order — user → post-sso → pre-sso → core, and within a stage the lowest priority
/// first. Each group stops together.
/// </summary>
internal static class StopOrder
{
    public static IReadOnlyList<IReadOnlyList<string>> Groups(IReadOnlyList<InstanceInfo> instances, BootReport? report)
    {
        var live = instances.Where(i => i.State != InstanceState.Stopped).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var booted = (report?.Apps ?? [])
            .Where(a => a.InstanceId is not null && live.Contains(a.InstanceId))
            .ToList();
        var bootIds = booted.Select(a => a.InstanceId!).ToHashSet(StringComparer.Ordinal);

        var groups = new List<IReadOnlyList<string>>();
        var others = instances.Where(i => live.Contains(i.Id) && !bootIds.Contains(i.Id)).Select(i => i.Id).ToList();
        if (others.Count > 0)
        {
            groups.Add(others);
        }

        groups.AddRange(booted
            .GroupBy(a => (a.Stage, a.Priority))
            .OrderByDescending(g => g.Key.Stage)
            .ThenBy(g => g.Key.Priority)
            .Select(g => (IReadOnlyList<string>)g.Select(a => a.InstanceId!).ToList()));
        return groups;
    }
}
