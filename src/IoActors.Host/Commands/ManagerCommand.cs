using System.CommandLine;
using System.Runtime.InteropServices;
using IoActors.Hocon.Configuration;
using IoActors.Host.Logging;
using IoActors.Manager;
using IoActors.Manager.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Extensions.Logging;

namespace IoActors.Host.Commands;

/// <summary><c>ioactors manager run [--config FILE]</c>: runs IoActors Manager, the io.Manager-compatible server, until Ctrl+C.</summary>
internal static class ManagerCommand
{
    /// <summary>The configuration used when --config is not given, looked up like the platform's.</summary>
    public const string DefaultFile = "hocon/manager.conf";

    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = $"The HOCON configuration file (default: {DefaultFile} when found, else the built-in defaults)." };
        var set = new Option<string[]>("--set") { Description = "Override a setting, e.g. --set manager:listen=127.0.0.1:0 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var run = new Command("run", "Run the server until Ctrl+C.") { config, set };
        run.SetAction(async (parse, _) => await RunAsync(
            parse.GetValue(config),
            (parse.GetValue(set) ?? []).Select(s => "--" + s).ToArray(),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return new Command("manager", "IoActors Manager: an io.Manager-compatible server of apps, layouts, preferences, sessions and crash reports.") { run };
    }

    internal static async Task<int> RunAsync(string? configFile, string[] overrides, TextWriter output, TextWriter error)
    {
        var path = configFile ?? FindDefault();
        if (configFile is not null && !File.Exists(configFile))
        {
            error.WriteLine($"{configFile}: file not found");
            return 1;
        }

        ManagerOptions options;
        try
        {
            var builder = new ConfigurationBuilder();
            if (path is not null)
            {
                builder.SetBasePath(Path.GetDirectoryName(Path.GetFullPath(path))!).AddHoconFile(Path.GetFullPath(path));
            }

            var configuration = builder.AddEnvironmentVariables().AddCommandLine(overrides).Build();
            options = ManagerOptions.Bind(configuration, path is null ? null : Path.GetDirectoryName(Path.GetFullPath(path)));
            options.Validate();
        }
        catch (Exception e) when (e is OptionsValidationException or Hocon.HoconException or IOException or InvalidDataException or FormatException)
        {
            error.WriteLine($"{path ?? "the built-in defaults"}: invalid configuration:");
            foreach (var line in e is OptionsValidationException v ? v.Failures : [e.Message])
            {
                error.WriteLine($"  {line}");
            }

            return 1;
        }

        using var serilog = new LoggerConfiguration()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", Serilog.Events.LogEventLevel.Warning)
            .Enrich.With<ConsoleSafeEnricher>()
            .WriteTo.Console()
            .CreateLogger();
        using var loggerFactory = new SerilogLoggerFactory(serilog);
        ManagerServer server;
        try
        {
            server = await ManagerServer.StartAsync(options, loggerFactory);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            error.WriteLine($"ioactors manager: the server did not start: {e.Message}");
            return 1;
        }

        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            signalled.TrySetResult();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        output.WriteLine($"IoActors Manager on {server.Url} (auth {options.Auth.Type}, data in {options.ResolvePath(options.DataFolder)}). Press Ctrl+C to stop.");
        await Task.WhenAny(signalled.Task, server.WhenStopped);
        var downed = !signalled.Task.IsCompleted;
        await server.DisposeAsync();
        if (downed)
        {
            // A cluster node the split brain resolver downed (or that left): exit non-zero so its service manager restarts it.
            error.WriteLine("ioactors manager: this node was removed from the cluster and stopped; exiting (code 3) so that its service manager starts it again");
            return 3;
        }

        output.WriteLine("IoActors Manager stopped.");
        return 0;
    }

    private static string? FindDefault() => ConfigCommand.FindDefault(Directory.GetCurrentDirectory(), AppContext.BaseDirectory, DefaultFile);
}
