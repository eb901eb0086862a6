using IoActors.Hocon;

namespace IoActors.Platform.Configuration;

/// <summary>The staged boot (<c>ioactors.boot</c>).</summary>
public sealed class BootOptions
{
    /// <summary>The stages in the order they run.</summary>
    public static IReadOnlyList<string> KnownStages { get; } = ["core", "pre-sso", "post-sso", "user"];

    /// <summary>How long a boot group waits for an app's readiness when its definition sets no timeout. The default is 30 s.</summary>
    public HoconDuration DefaultTimeout { get; set; } = HoconDuration.Parse("30s");

    /// <summary>The stages to run, in order (a subset of <see cref="KnownStages"/>); empty means all. The default is core, pre-sso, post-sso, user.</summary>
    public List<string> Stages { get; set; } = [];

    /// <summary>The stages that actually run: <see cref="Stages"/>, or all known stages when it is empty.</summary>
    public IReadOnlyList<string> EffectiveStages => Stages.Count == 0 ? KnownStages : Stages;

    /// <summary>The identity gate between pre-sso and post-sso. The default is the OS user.</summary>
    public IdentityOptions Identity { get; set; } = new();
}
