using Xunit.Abstractions;
using Xunit.Sdk;

namespace IoActors.Testing;

/// <summary>A test case whose <see cref="SkipTestException"/> failures are reported as skips.</summary>
public sealed class SkippableTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippableTestCase()
    {
    }

    public SkippableTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    public override async Task<RunSummary> RunAsync(
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        object[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
    {
        var bus = new SkippingMessageBus(messageBus);
        var summary = await base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource);
        if (bus.Skipped > 0)
        {
            summary.Failed -= bus.Skipped;
            summary.Skipped += bus.Skipped;
        }

        return summary;
    }

    /// <summary>Rewrites a test failure caused by <see cref="SkipTestException"/> into a skip.</summary>
    private sealed class SkippingMessageBus : IMessageBus
    {
        private static readonly string s_skipType = typeof(SkipTestException).FullName!;
        private readonly IMessageBus _inner;

        public SkippingMessageBus(IMessageBus inner)
        {
            _inner = inner;
        }

        public int Skipped { get; private set; }

        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestFailed failed && failed.ExceptionTypes.Length > 0 && failed.ExceptionTypes[0] == s_skipType)
            {
                Skipped++;
                return _inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages[0]));
            }

            return _inner.QueueMessage(message);
        }

        public void Dispose()
        {
            // The inner bus belongs to the runner.
        }
    }
}
