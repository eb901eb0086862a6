using Akka.Actor;
using IoActors.Platform.Manager;
using Microsoft.Extensions.Logging;

namespace IoActors.Platform;

/// <summary>The io.Manager connection's part in the platform's life: the import before the default layout, the flushes and goodbye at shutdown.</summary>
public sealed partial class IoPlatform
{
    // Waits until the preferences and layouts read from io.Manager at start are in (or io.Manager did not answer).
    private async Task WaitForManagerImportAsync()
    {
        if (_refs.ManagerMirror.Equals(ActorRefs.Nobody))
        {
            return;
        }

        // Four requests of the import, each within the request timeout, and the local imports.
        var timeout = (4 * Options.Configuration.Server.RequestTimeout.Value) + TimeSpan.FromSeconds(30);
        try
        {
            await _refs.ManagerMirror.Ask<ManagerImportDone>(WaitForManagerImport.Instance, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            _log.LogWarning("The preferences and layouts from io.Manager were not imported within {Timeout}; the default layout is restored from the local ones", timeout);
        }
    }

    // Delivers the changes the mirror still holds (within the request timeout, while io.Manager answers) and the platform
    // events the fleet reporter still holds (within its short deadline), side by side, then closes the io.Manager session
    // (POST /user/goodbye); a failure is logged.
    private async Task SayGoodbyeAsync()
    {
        if (_refs.Manager is not { } session)
        {
            return;
        }

        await Task.WhenAll(FlushManagerMirrorAsync(), FlushFleetReporterAsync()).ConfigureAwait(false);
        if (await session.GoodbyeAsync().ConfigureAwait(false) is { } error)
        {
            _log.LogWarning("Could not close the io.Manager session: {Error}", error);
        }
    }

    private async Task FlushManagerMirrorAsync()
    {
        if (_refs.ManagerMirror.Equals(ActorRefs.Nobody))
        {
            return;
        }

        var timeout = Options.Configuration.Server.RequestTimeout.Value + TimeSpan.FromSeconds(5);
        try
        {
            var flushed = await _refs.ManagerMirror.Ask<ManagerMirrorFlushed>(FlushManagerMirror.Instance, timeout).ConfigureAwait(false);
            if (flushed.Remaining > 0)
            {
                _log.LogWarning("{Count} preference and layout changes were not delivered to io.Manager before shutdown: it cannot be reached", flushed.Remaining);
            }
        }
        catch (AskTimeoutException)
        {
            _log.LogWarning("The preference and layout changes were not all delivered to io.Manager within {Timeout} before shutdown", timeout);
        }
    }

    // The reporter answers by its deadline (2 s on the platform's clock) whatever io.Manager does; the ask's own timeout
    // only guards against a reporter that is gone.
    private async Task FlushFleetReporterAsync()
    {
        if (_refs.FleetReporter.Equals(ActorRefs.Nobody))
        {
            return;
        }

        var backstop = FleetReporterSettings.DefaultShutdownDeadline + TimeSpan.FromSeconds(3);
        try
        {
            var flushed = await _refs.FleetReporter.Ask<FleetReportFlushed>(FlushFleetReport.Instance, backstop).ConfigureAwait(false);
            if (flushed.Remaining > 0)
            {
                _log.LogWarning("{Count} platform events were not delivered to io.Manager before shutdown ({Why})", flushed.Remaining, flushed.TimedOut ? "the flush's deadline passed" : "io.Manager cannot be reached");
            }
        }
        catch (AskTimeoutException)
        {
            _log.LogWarning("The fleet reporter did not answer within {Timeout} at shutdown; its platform events are not delivered", backstop);
        }
    }
}
