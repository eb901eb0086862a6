namespace IoActors.Kernel;

/// <summary>Why a coordinated shutdown runs.</summary>
public class CoordinatedShutdownReason
{
    /// <summary>Creates a reason.</summary>
    /// <param name="name">A short name for logs.</param>
    public CoordinatedShutdownReason(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>No particular reason was given.</summary>
    public static CoordinatedShutdownReason Unknown { get; } = new("unknown");

    /// <summary><see cref="ActorSystem.Terminate"/> was called.</summary>
    public static CoordinatedShutdownReason ActorSystemTerminate { get; } = new("actor-system-terminate");

    /// <summary>The process received SIGTERM or SIGINT.</summary>
    public static CoordinatedShutdownReason ProcessTerminate { get; } = new("process-terminate");

    /// <summary>The process is exiting.</summary>
    public static CoordinatedShutdownReason ProcessExit { get; } = new("process-exit");

    /// <summary>A short name for logs.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
