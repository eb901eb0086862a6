namespace IoActors.Persistence;

/// <summary>Sent by a persistent actor to itself in PreStart so that recovery starts even before any command arrives.</summary>
internal sealed class RecoveryStart
{
    private RecoveryStart()
    {
    }

    public static RecoveryStart Instance { get; } = new();
}
