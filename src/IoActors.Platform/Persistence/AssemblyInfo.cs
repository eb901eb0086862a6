using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IoActors.Platform.Persistence.Tests")]
[assembly: InternalsVisibleTo("IoActors.Manager")]
