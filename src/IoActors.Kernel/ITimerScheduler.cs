namespace IoActors.Kernel;

/// <summary>
/// Keyed timers that send messages to the actor itself (injected into actors implementing <see cref="IWithTimers"/>).
/// Starting a timer under a key replaces the previous one, whose message is then never delivered, not even
/// when it was already in the mailbox. All timers are cancelled on restart and stop. Time comes from the
/// system's <see cref="TimeProvider"/>.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> once after <paramref name="delay"/>.</summary>
    /// <param name="key">Identifies the timer.</param>
    /// <param name="message">The message to send to self.</param>
    /// <param name="delay">The delay; zero or positive.</param>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> every <paramref name="interval"/>, the first time after one interval.</summary>
    /// <param name="key">Identifies the timer.</param>
    /// <param name="message">The message to send to self.</param>
    /// <param name="interval">The period; positive.</param>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    /// <param name="key">Identifies the timer.</param>
    /// <param name="message">The message to send to self.</param>
    /// <param name="initialDelay">The first delay; zero or positive.</param>
    /// <param name="interval">The period; positive.</param>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Whether a timer with this key is active (a fired single timer is no longer active once its message was delivered).</summary>
    /// <param name="key">The timer key.</param>
    /// <returns><see langword="true"/> when active.</returns>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer; its message is not delivered even if already enqueued.</summary>
    /// <param name="key">The timer key.</param>
    void Cancel(object key);

    /// <summary>Cancels all timers.</summary>
    void CancelAll();
}
