using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IoActors.Kernel.Tests")]
