using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IoActors.Benchmarks")]
