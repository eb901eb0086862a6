using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IoActors.Apps.Tests")]
[assembly: InternalsVisibleTo("IoActors.Benchmarks")]
[assembly: InternalsVisibleTo("IoActors.Host.Tests")]
[assembly: InternalsVisibleTo("IoActors.Platform.Tests")]
[assembly: InternalsVisibleTo("IoActors.Platform.Persistence.Tests")]

// The host (assembly "ioactors"): its HTTP API reads request bodies with the same checks of JSON text as the definition readers.
[assembly: InternalsVisibleTo("ioactors")]

// IoActors Manager: its HTTP API reads request bodies with the same checks.
[assembly: InternalsVisibleTo("IoActors.Manager")]

// The platform shares one io.Manager session between the server store and its own io.Manager clients.
[assembly: InternalsVisibleTo("IoActors.Platform")]
