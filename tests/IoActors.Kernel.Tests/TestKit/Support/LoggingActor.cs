using IoActors.Kernel;
using Microsoft.Extensions.Logging;

namespace IoActors.Kernel.Tests.TestKit.Support;

/// <summary>Logs every string it receives at Information level, then replies "logged".</summary>
public sealed class LoggingActor : UntypedActor
{
    protected override void OnReceive(object message)
    {
        Context.Log.LogInformation("received {Text}", message);
        Sender.Tell("logged", Self);
    }
}
