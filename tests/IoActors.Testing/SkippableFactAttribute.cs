using Xunit;
using Xunit.Sdk;

namespace IoActors.Testing;

/// <summary>
/// A fact that reports "skipped" (with the reason) instead of "failed" when it throws <see cref="SkipTestException"/>,
/// from the test body or from the test class's InitializeAsync.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("IoActors.Testing.SkippableFactDiscoverer", "IoActors.Testing")]
public sealed class SkippableFactAttribute : FactAttribute
{
}
