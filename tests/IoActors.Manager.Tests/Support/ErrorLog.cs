using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IoActors.Manager.Tests.Support;

/// <summary>A logger factory that keeps what is logged at error level or above.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    public ErrorLog() => Factory = LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Warning));

    public ILoggerFactory Factory { get; }

    public ConcurrentQueue<string> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                log.Errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
