using System.Globalization;
using System.Text;
using Akka.Configuration;
using Akka.Persistence.Sql;
using IoActors.Platform.Configuration;
using IoActors.Platform.Persistence;
using Microsoft.Extensions.Configuration;

namespace IoActors.Platform.Hosting;

/// <summary>
/// The Akka configuration of a platform's own actor system, from the highest priority down:
/// <see cref="IoPlatformOptions.AkkaConfig"/>, the configuration's <c>akka</c> section (rendered from the resolved tree,
/// every value quoted: user text never reaches Akka's HOCON parser as syntax), IoActors' defaults (Serilog logging,
/// coordinated shutdown, the persistence plugins when the platform persists), then Akka's own defaults.
/// </summary>
internal static class PlatformAkkaConfig
{
    /// <summary>How long the platform's shutdown may take in <c>before-service-unbind</c>: the handlers' budget plus two stop grace periods and a margin.</summary>
    public static TimeSpan ShutdownPhaseTimeout(PlatformOptions configuration)
    {
        var own = configuration.IoActors;
        return own.Shutdown.Budget.Value + (2 * own.Instances.StopGracePeriod.Value) + TimeSpan.FromSeconds(15);
    }

    /// <summary>The configuration for <c>ActorSystem.Create</c>.</summary>
    /// <exception cref="InvalidOperationException">The persistence settings are unusable; the message names the key.</exception>
    public static Config Create(IoPlatformOptions options)
    {
        var configuration = options.Configuration;
        var defaults = ConfigurationFactory.ParseString(Defaults(configuration, options.HandleProcessSignals));
        if (configuration.IoActors.InMemoryStore.Persist)
        {
            defaults = ConfigurationFactory.ParseString(PlatformPersistenceConfig.Render(configuration))
                .WithFallback(defaults)
                .WithFallback(SqlPersistence.DefaultConfiguration);
        }

        var config = defaults;
        if (configuration.Akka is { } section && RenderSection(section) is { Length: > 0 } user)
        {
            config = ConfigurationFactory.ParseString(user).WithFallback(config);
        }

        return options.AkkaConfig is { } own ? own.WithFallback(config) : config;
    }

    /// <summary>IoActors' Akka defaults (documented in reference.conf).</summary>
    internal static string Defaults(PlatformOptions configuration, bool handleProcessSignals)
    {
        var phase = (long)Math.Ceiling(ShutdownPhaseTimeout(configuration).TotalMilliseconds);
        return $$"""
            akka {
              loggers = ["Akka.Logger.Serilog.SerilogLogger, Akka.Logger.Serilog"]
              logger-formatter = "Akka.Logger.Serilog.SerilogLogMessageFormatter, Akka.Logger.Serilog"
              log-dead-letters-during-shutdown = off
              coordinated-shutdown {
                run-by-clr-shutdown-hook = {{(handleProcessSignals ? "on" : "off")}}
                phases.before-service-unbind.timeout = {{phase.ToString(CultureInfo.InvariantCulture)}}ms
              }
            }
            """;
    }

    /// <summary>
    /// The <c>akka</c> section as HOCON text: objects as objects, sections whose keys are 0, 1, 2... as arrays, every
    /// value and key a quoted string (Akka reads numbers, durations and booleans from strings).
    /// </summary>
    internal static string RenderSection(IConfigurationSection section)
    {
        var text = new StringBuilder();
        text.Append(HoconText.Quote(section.Key)).Append(' ');
        Write(section, text);
        return text.ToString();
    }

    private static void Write(IConfigurationSection section, StringBuilder text)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            text.Append(HoconText.Quote(section.Value ?? string.Empty));
            return;
        }

        if (children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            text.Append('[');
            var first = true;
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                if (!first)
                {
                    text.Append(", ");
                }

                first = false;
                Write(child, text);
            }

            text.Append(']');
            return;
        }

        text.Append("{\n");
        foreach (var child in children)
        {
            text.Append(HoconText.Quote(child.Key)).Append(" = ");
            Write(child, text);
            text.Append('\n');
        }

        text.Append('}');
    }
}
