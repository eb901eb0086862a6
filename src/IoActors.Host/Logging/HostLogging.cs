using IoActors.Platform.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace IoActors.Host.Logging;

/// <summary>Builds the host's Serilog logger: readable console lines (with the actor path) and a rolling JSON file.</summary>
internal static class HostLogging
{
    /// <summary>
    /// The console template; <c>Origin</c> is the actor path (from Akka.Logger.Serilog) or the logger's short
    /// name. The message and the exception come from <see cref="ConsoleSafeEnricher"/>: no logged value can start a line.
    /// </summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Origin:l}: {SafeMessage:l}{NewLine}{SafeException:l}";

    public static Serilog.Core.Logger Create(PlatformOptions options, bool console = true)
    {
        var level = Enum.TryParse<LogEventLevel>(options.IoActors.Logging.Level, ignoreCase: true, out var parsed) ? parsed : LogEventLevel.Information;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With(new OriginEnricher());
        if (console)
        {
            // A sub-logger enriches its own copy of each event (the root already filtered by level).
            configuration = configuration.WriteTo.Logger(c => c
                .MinimumLevel.Verbose()
                .Enrich.With(new ConsoleSafeEnricher())
                .WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose));
        }

        if (options.IoActors.Logging.File is { Length: > 0 } file)
        {
            configuration = configuration.WriteTo.File(new JsonFormatter(renderMessage: true), options.ResolvePath(file), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7, shared: true);
        }

        return configuration.CreateLogger();
    }
}
