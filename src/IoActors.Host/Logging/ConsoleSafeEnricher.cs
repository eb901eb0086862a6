using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace IoActors.Host.Logging;

/// <summary>
/// Prepares an event for a console line that no logged value can break: <c>SafeMessage</c> is the rendered message and
/// <c>SafeException</c> the exception text, with control characters escaped (see <see cref="ControlCharacters"/>) and
/// only the exception's own line structure (its stack trace) kept; <c>Origin</c> is escaped likewise. For the console
/// sink only: the JSON file keeps the values as they are (JSON escapes them).
/// </summary>
internal sealed class ConsoleSafeEnricher : ILogEventEnricher
{
    private static readonly MessageTemplateTextFormatter Message = new("{Message:lj}");

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        using var message = new StringWriter();
        Message.Format(logEvent, message);
        logEvent.AddOrUpdateProperty(new LogEventProperty("SafeMessage", new ScalarValue(ControlCharacters.Escape(message.ToString()))));
        if (logEvent.Properties.TryGetValue("Origin", out var origin) && origin is ScalarValue { Value: string o })
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty("Origin", new ScalarValue(ControlCharacters.Escape(o))));
        }

        if (logEvent.Exception is { } exception)
        {
            logEvent.AddOrUpdateProperty(new LogEventProperty("SafeException", new ScalarValue(ExceptionText(exception) + Environment.NewLine)));
        }
    }

    /// <summary><see cref="Exception.ToString"/> with every message in the chain escaped, so only stack-trace lines break it.</summary>
    internal static string ExceptionText(Exception exception)
    {
        var text = exception.ToString();
        foreach (var message in Messages(exception).Distinct().Where(m => ControlCharacters.Escape(m) != m).OrderByDescending(m => m.Length))
        {
            text = text.Replace(message, ControlCharacters.Escape(message), StringComparison.Ordinal);
        }

        // Whatever else brought a line break or a control character along (e.g. a type's own ToString) is escaped too.
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return string.Join(Environment.NewLine, lines.Select(ControlCharacters.Escape));
    }

    private static IEnumerable<string> Messages(Exception exception)
    {
        yield return exception.Message;
        var inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var child in inner)
        {
            foreach (var message in Messages(child))
            {
                yield return message;
            }
        }
    }
}
