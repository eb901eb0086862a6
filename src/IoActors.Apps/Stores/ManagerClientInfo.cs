using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace IoActors.Apps.Stores;

/// <summary>
/// Who opens an io.Manager session, as the <c>POST /user/hello</c> body tells it: <c>glue { version, build, region, env }</c>
/// (IoActors' version and build, the configured region and environment) and <c>machine { user, name, os { name, version,
/// arch } }</c> (the OS user, the host name, the OS family, its description and the architecture).
/// </summary>
/// <param name="Region">The region (the configuration's <c>region</c>; <c>default</c> when none is set).</param>
/// <param name="Env">The environment (the configuration's <c>env</c>; <c>default</c> when none is set).</param>
internal sealed record ManagerClientInfo(string Region, string Env)
{
    /// <summary>The region and environment sent when the configuration names none.</summary>
    public const string DefaultName = "default";

    /// <summary>Region and environment <see cref="DefaultName"/>.</summary>
    public static ManagerClientInfo Default { get; } = new(DefaultName, DefaultName);

    /// <summary>IoActors' version: the informational version of this assembly without its build metadata (e.g. <c>1.0.0</c>).</summary>
    public static string Version { get; } = ReadVersion().Split('+')[0];

    /// <summary>IoActors' build: the full informational version (with the build metadata when the build set any).</summary>
    public static string Build { get; } = ReadVersion();

    /// <summary>The OS family: Windows, Linux, macOS, FreeBSD or the runtime's description.</summary>
    public static string OsName =>
        OperatingSystem.IsWindows() ? "Windows"
        : OperatingSystem.IsLinux() ? "Linux"
        : OperatingSystem.IsMacOS() ? "macOS"
        : OperatingSystem.IsFreeBSD() ? "FreeBSD"
        : RuntimeInformation.OSDescription;

    /// <summary>The hello body.</summary>
    public JsonObject HelloBody() => new()
    {
        ["glue"] = new JsonObject { ["version"] = Version, ["build"] = Build, ["region"] = Region, ["env"] = Env },
        ["machine"] = new JsonObject
        {
            ["user"] = Environment.UserName,
            ["name"] = Environment.MachineName,
            ["os"] = new JsonObject
            {
                ["name"] = OsName,
                ["version"] = RuntimeInformation.OSDescription,
                ["arch"] = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            },
        },
    };

    private static string ReadVersion()
    {
        var assembly = typeof(ManagerClientInfo).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
    }
}
