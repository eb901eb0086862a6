using Akka.Actor;
using IoActors.Platform.Manager;
using Microsoft.Extensions.Logging;

namespace IoActors.Platform;

/// <summary>The io.Manager connection's part in the platform's life: the import before the default layout, goodbye at shutdown.</summary>
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

    // Delivers the changes the mirror still holds (within the request timeout, while io.Manager answers), then closes the
    // io.Manager session (POST /user/goodbye); a failure is logged.
    private async Task SayGoodbyeAsync()
    {
        if (_refs.Manager is not { } session)
        {
            return;
        }

        if (!_refs.ManagerMirror.Equals(ActorRefs.Nobody))
        {
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

        if (await session.GoodbyeAsync().ConfigureAwait(false) is { } error)
        {
            _log.LogWarning("Could not close the io.Manager session: {Error}", error);
        }
    }
}
