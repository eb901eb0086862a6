using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests.TestKit.Support;

/// <summary>An <see cref="ITestOutputHelper"/> that records its lines (and can refuse them, like xunit after a test ends).</summary>
public sealed class RecordingOutput : ITestOutputHelper
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public bool Closed { get; set; }

    public void WriteLine(string message)
    {
        if (Closed)
        {
            throw new InvalidOperationException("There is no currently active test.");
        }

        _lines.Enqueue(message);
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
