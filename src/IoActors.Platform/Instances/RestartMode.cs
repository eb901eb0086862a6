namespace IoActors.Platform.Instances;

/// <summary>When an instance's process is restarted after it exits on its own (the <c>restartPolicy.mode</c> property).</summary>
public enum RestartMode
{
    /// <summary><c>"never"</c>: an exit ends the instance.</summary>
    Never,

    /// <summary><c>"on-failure"</c>: restart after a non-zero exit code or a signal.</summary>
    OnFailure,

    /// <summary><c>"always"</c>: restart after any exit that was not requested.</summary>
    Always,
}
