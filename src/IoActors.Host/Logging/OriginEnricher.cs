using Serilog.Core;
using Serilog.Events;

namespace IoActors.Host.Logging;

/// <summary>Adds <c>Origin</c>: the actor path for actor logs (Akka.Logger.Serilog adds "ActorPath"), else the short logger name.</summary>
internal sealed class OriginEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        string origin;
        if (logEvent.Properties.TryGetValue("ActorPath", out var path) && path is ScalarValue { Value: { } p })
        {
            origin = p.ToString()!;
        }
        else if (logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string s })
        {
            origin = s[(s.LastIndexOf('.') + 1)..];
        }
        else
        {
            origin = "ioactors";
        }

        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("Origin", origin));
    }
}
