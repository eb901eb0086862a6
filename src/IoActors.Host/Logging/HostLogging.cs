using IoActors.Platform.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace IoActors.Host.Logging;

/// <summary>Builds the host's Serilog logger: readable console lines (with the actor path) and a rolling JSON file.</summary>
internal static class HostLogging
{
    /// <summary>The console template; <c>ActorPath</c> comes from the kernel's actor logger scope.</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Origin}: {Message:lj}{NewLine}{Exception}";

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
            configuration = configuration.WriteTo.Console(outputTemplate: ConsoleTemplate, standardErrorFromLevel: LogEventLevel.Verbose);
        }

        if (options.IoActors.Logging.File is { Length: > 0 } file)
        {
            configuration = configuration.WriteTo.File(new JsonFormatter(renderMessage: true), options.ResolvePath(file), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7, shared: true);
        }

        return configuration.CreateLogger();
    }
}
