using System.Collections;
using Microsoft.Extensions.Logging;

namespace IoActors.Kernel.Internal;

/// <summary>An actor's logger: every entry is written inside a scope carrying the actor path as "ActorPath".</summary>
internal sealed class ActorLogger(ILogger inner, string actorPath) : ILogger
{
    private readonly PathScope _scope = new(actorPath);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        using (inner.BeginScope(_scope))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }

    /// <summary>The structured scope state: one "ActorPath" property.</summary>
    private sealed class PathScope(string actorPath) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => index == 0 ? new("ActorPath", actorPath) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "ActorPath:" + actorPath;
    }
}
