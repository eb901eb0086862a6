using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IoActors.Manager.Tests")]
[assembly: InternalsVisibleTo("IoActors.Benchmarks")]
[assembly: InternalsVisibleTo("ioactors")]
[assembly: InternalsVisibleTo("IoActors.Host.Tests")]
