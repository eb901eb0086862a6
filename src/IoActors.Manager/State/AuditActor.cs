using Akka.Actor;
using IoActors.Platform.Hosting;

namespace IoActors.Manager.State;

/// <summary>The newest audit entries, newest first; the answer is an <c>AuditEntry[]</c> (arrays cross Akka.Remote with the wire serializer).</summary>
internal sealed record GetAuditEntries(int Limit);

/// <summary>
/// The audit log (persistence id <c>ioactors-manager-audit</c>): a <see cref="BoundedHistory{T}"/> of
/// <see cref="AuditEntry"/> kept as its child, behind messages that are plain records, so that the log can run as a
/// cluster singleton and be asked from any node.
/// </summary>
internal sealed class AuditActor : ReceiveActor
{
    public AuditActor(int limit, PlatformJournal journal)
    {
        var history = Context.ActorOf(Props.Create(() => new BoundedHistory<AuditEntry>(
            "ioactors-manager-audit", limit, journal, entries => new AuditSnapshot(entries), Entries, keepEvents: true)), "history");
        Receive<AuditEntry>(entry => history.Tell(entry));
        Receive<GetAuditEntries>(get =>
        {
            var count = Math.Max(0, get.Limit);
            history.Forward(new Query<AuditEntry>(window => window.Reverse().Take(count).ToArray()));
        });
    }

    private static IReadOnlyList<AuditEntry>? Entries(object snapshot) => snapshot is AuditSnapshot audit ? audit.Entries : null;
}
