using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IoActors.Apps.Tests")]
[assembly: InternalsVisibleTo("IoActors.Benchmarks")]
