using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IoActors.Platform.Tests")]
[assembly: InternalsVisibleTo("IoActors.Benchmarks")]
[assembly: InternalsVisibleTo("IoActors.Host.Tests")]
