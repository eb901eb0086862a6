using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace IoActors.TestKit;

/// <summary>
/// An <see cref="ILoggerProvider"/> that writes log lines to an xunit <see cref="ITestOutputHelper"/>, so the actor
/// system's logs appear with the test that produced them. Lines written after the test has finished are dropped.
/// </summary>
public sealed class TestOutputLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ITestOutputHelper _output;
    private readonly LogLevel _minimumLevel;
    private readonly TimeProvider _timeProvider;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Creates the provider.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="minimumLevel">The lowest level written. The default is <see cref="LogLevel.Information"/>.</param>
    /// <param name="timeProvider">Stamps each line (the virtual clock shows virtual time). The default is <see cref="TimeProvider.System"/>.</param>
    public TestOutputLoggerProvider(ITestOutputHelper output, LogLevel minimumLevel = LogLevel.Information, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _minimumLevel = minimumLevel;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    internal IExternalScopeProvider Scopes => _scopes;

    internal bool IsEnabled(LogLevel level) => level != LogLevel.None && level >= _minimumLevel;

    internal void Write(string line)
    {
        try
        {
            _output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished: xunit no longer accepts output for it.
        }
    }

    internal string Timestamp() => _timeProvider.GetUtcNow().ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}
