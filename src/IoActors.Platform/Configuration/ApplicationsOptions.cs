namespace IoActors.Platform.Configuration;

/// <summary>Settings for all apps (<c>applications</c> in system.json).</summary>
public sealed class ApplicationsOptions
{
    /// <summary>The title of app instances, with the macros <c>{title}</c> and <c>{instanceIndex}</c>. The default is <c>{title}</c>.</summary>
    public string TitleFormat { get; set; } = "{title}";
}
