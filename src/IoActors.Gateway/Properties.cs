using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IoActors.Gateway.Tests")]
[assembly: InternalsVisibleTo("IoActors.Benchmarks")]
