using Xunit.Abstractions;

namespace IoActors.Kernel.Tests.Support;

/// <summary>
/// The base of the kernel specs: the TestKit with the test's output as log sink. (The test project has an
/// IoActors.Kernel.Tests.TestKit namespace, so the TestKit type is named in full here once.)
/// </summary>
public abstract class KernelSpec : global::IoActors.TestKit.TestKit
{
    protected KernelSpec(ITestOutputHelper? output = null, global::IoActors.TestKit.TestKitOptions? options = null)
        : base(output, options)
    {
    }
}
