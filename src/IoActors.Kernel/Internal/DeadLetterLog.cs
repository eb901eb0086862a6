using Microsoft.Extensions.Logging;

namespace IoActors.Kernel.Internal;

/// <summary>Logs dead letters at a limited rate: at most N per window, then one "n more suppressed" summary.</summary>
internal sealed class DeadLetterLog(ActorSystem system, int limit, TimeSpan window)
{
    private readonly Lock _lock = new();
    private readonly ILogger _logger = system.LoggerFactory.CreateLogger("IoActors.Kernel.DeadLetters");
    private long _windowStart = long.MinValue;
    private int _loggedInWindow;
    private long _suppressed;

    public void Record(DeadLetter deadLetter)
    {
        if (limit == 0 || !_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        long suppressedBefore = 0;
        bool log;
        lock (_lock)
        {
            var now = system.TimeProvider.GetTimestamp();
            if (_windowStart == long.MinValue || system.TimeProvider.GetElapsedTime(_windowStart, now) >= window)
            {
                _windowStart = now;
                _loggedInWindow = 0;
                suppressedBefore = _suppressed;
                _suppressed = 0;
            }

            log = _loggedInWindow < limit;
            if (log)
            {
                _loggedInWindow++;
            }
            else
            {
                _suppressed++;
            }
        }

        if (suppressedBefore > 0)
        {
            _logger.LogInformation("{Count} more dead letters were suppressed in the last {Window}", suppressedBefore, window);
        }

        if (log)
        {
            _logger.LogInformation(
                "Message {MessageType} from {Sender} to {Recipient} was not delivered: {Message}",
                deadLetter.Message.GetType().Name,
                deadLetter.Sender.Path.ToString(),
                deadLetter.Recipient.Path.ToString(),
                deadLetter.Message);
        }
    }
}
