using System.Text;
using Microsoft.Extensions.Logging;

namespace IoActors.TestKit;

/// <summary>One category's logger of a <see cref="TestOutputLoggerProvider"/>.</summary>
internal sealed class TestOutputLogger : ILogger
{
    private readonly TestOutputLoggerProvider _provider;
    private readonly string _category;

    public TestOutputLogger(TestOutputLoggerProvider provider, string category)
    {
        _provider = provider;
        _category = category;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _provider.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) => _provider.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = new StringBuilder();
        line.Append(_provider.Timestamp()).Append(' ').Append(Level(logLevel)).Append(' ').Append(_category);
        _provider.Scopes.ForEachScope(static (scope, builder) => builder.Append(" => ").Append(DescribeScope(scope)), line);
        line.Append(": ").Append(formatter(state, exception));
        if (exception is not null)
        {
            line.AppendLine().Append(exception);
        }

        _provider.Write(line.ToString());
    }

    // A scope whose ToString is the default (e.g. a dictionary) is written as its key=value pairs.
    private static string? DescribeScope(object? scope)
    {
        var text = scope?.ToString();
        if (scope is IEnumerable<KeyValuePair<string, object?>> pairs && text == scope.GetType().ToString())
        {
            return string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"));
        }

        return text;
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "[TRC]",
        LogLevel.Debug => "[DBG]",
        LogLevel.Information => "[INF]",
        LogLevel.Warning => "[WRN]",
        LogLevel.Error => "[ERR]",
        LogLevel.Critical => "[CRT]",
        _ => "[???]",
    };
}
