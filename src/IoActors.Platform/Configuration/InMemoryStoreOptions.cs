namespace IoActors.Platform.Configuration;

/// <summary>The in-memory app store (<c>ioactors.inMemoryStore</c>): apps added at run time.</summary>
public sealed class InMemoryStoreOptions
{
    /// <summary>Whether run-time apps are journaled and restored at the next start. The default is <see langword="true"/>.</summary>
    public bool Persist { get; set; } = true;
}
