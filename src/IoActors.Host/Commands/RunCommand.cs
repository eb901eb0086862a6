using System.CommandLine;
using System.Runtime.InteropServices;
using IoActors.Host.Hosting;
using IoActors.Host.Logging;
using IoActors.Platform.Boot;
using IoActors.Platform.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Extensions.Logging;

namespace IoActors.Host.Commands;

/// <summary><c>ioactors run</c>: boots the platform, serves the API and runs until Ctrl+C (exit 0) or a boot failure (exit 1).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = $"The HOCON configuration file (default: {ConfigCommand.DefaultFile}, searched from the current directory, then upwards from the executable's folder)." };
        var set = new Option<string[]>("--set") { Description = "Override a setting, e.g. --set ioactors:api:port=9000 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("run", "Boot the platform and serve the API until Ctrl+C.") { config, set };
        command.SetAction(async (parse, _) =>
        {
            var overrides = (parse.GetValue(set) ?? []).Select(s => "--" + s).ToArray();
            return await RunAsync(parse.GetValue(config), overrides, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    internal static async Task<int> RunAsync(string? configFile, string[] overrides, TextWriter output, TextWriter error)
    {
        var path = configFile ?? ConfigCommand.FindDefault(Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        if (path is null || !File.Exists(path))
        {
            error.WriteLine($"{configFile ?? ConfigCommand.DefaultFile}: file not found; use --config");
            return 1;
        }

        PlatformOptions options;
        try
        {
            options = HostConfiguration.Load(path, overrides);
            options.Validate();
        }
        catch (Exception e) when (e is OptionsValidationException or Hocon.HoconException or IOException or InvalidDataException or FormatException)
        {
            error.WriteLine($"{path}: invalid configuration:");
            foreach (var line in e is OptionsValidationException v ? v.Failures : [e.Message])
            {
                error.WriteLine($"  {line}");
            }

            return 1;
        }

        using var serilog = HostLogging.Create(options);
        using var loggerFactory = new SerilogLoggerFactory(serilog);

        // Akka.Logger.Serilog logs through the static logger: set before the platform's actor system starts.
        Serilog.Log.Logger = serilog;
        var log = loggerFactory.CreateLogger("IoActors.Host");

        PlatformHost host;
        try
        {
            host = await PlatformHost.StartAsync(options, loggerFactory, b => b.AddSerilog(serilog), requestLog: serilog);
        }
        catch (Exception e)
        {
            log.LogCritical(e, "The host did not start");
            error.WriteLine($"ioactors: the host did not start: {e.Message}");
            return 1;
        }

        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // exit 0 after a clean shutdown instead of the default signal exit
            signalled.TrySetResult();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        output.WriteLine($"IoActors API on {host.Url} (token and URL in {Path.Combine(options.ResolvePath(options.IoActors.DataFolder), HostFiles.DiscoveryFileName)})");
        var exitCode = 0;
        var booted = host.Platform.WhenBooted;
        var first = await Task.WhenAny(booted, signalled.Task, host.WhenTerminated);
        if (first == booted)
        {
            if (booted.IsCompletedSuccessfully)
            {
                var report = booted.Result;
                output.WriteLine($"Boot completed in {(report.EndedAt - report.StartedAt)?.TotalMilliseconds:0} ms: {report.Apps.Count(a => a.Outcome == AppBootOutcome.Ready)} ready, {report.Apps.Count(a => a.Outcome is AppBootOutcome.TimedOut or AppBootOutcome.Failed or AppBootOutcome.Refused)} not. Press Ctrl+C to stop.");
                await Task.WhenAny(signalled.Task, host.WhenTerminated);
            }
            else
            {
                var cause = booted.Exception?.GetBaseException();
                log.LogCritical(cause, "Boot failed");
                error.WriteLine($"ioactors: boot failed: {cause?.Message}");
                exitCode = 1;
            }
        }

        if (signalled.Task.IsCompleted)
        {
            output.WriteLine("Shutting down...");
        }

        await host.DisposeAsync();
        output.WriteLine("IoActors stopped.");
        Serilog.Log.Logger = Serilog.Core.Logger.None;
        return exitCode;
    }
}
