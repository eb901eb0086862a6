using System.Diagnostics;

namespace IoActors.Platform.Instances;

/// <summary>Copies the instance's environment variables into a start info (on top of the platform's own environment).</summary>
internal static class ProcessEnvironment
{
    public static void Apply(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }
    }
}
