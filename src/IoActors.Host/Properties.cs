using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("IoActors.Benchmarks")]
// The gateway adapter's window mapping is tested over a real platform with a fake window host (Gateway/GatewayWindowsAdapterTests).
[assembly: InternalsVisibleTo("IoActors.Host.Tests")]
