using System.Collections.Concurrent;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class OrderingPropertySpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void Tell_ConcurrentSendersAndReceivers_NoMessageLostOrReorderedPerPair()
    {
        var scenarios =
            from actorSenders in Gen.Choose(0, 5)
            from threadSenders in Gen.Choose(0, 3)
            from receivers in Gen.Choose(1, 3)
            from perSender in Gen.Choose(1, 400)
            select (ActorSenders: actorSenders, ThreadSenders: threadSenders, Receivers: receivers, PerSender: perSender);

        Prop.ForAll(scenarios.ToArbitrary(), s =>
        {
            var senders = s.ActorSenders + s.ThreadSenders;
            var violations = new ConcurrentQueue<string>();
            using var received = new CountdownEvent(Math.Max(1, senders * s.Receivers * s.PerSender));
            if (senders == 0)
            {
                received.Signal();
            }

            var targets = Enumerable.Range(0, s.Receivers)
                .Select(_ => Sys.ActorOf(Props.Create(() => new SequenceReceiver(violations, received))))
                .ToArray();
            var actorSenders = Enumerable.Range(0, s.ActorSenders)
                .Select(id => Sys.ActorOf(Props.Create(() => new SequenceSender(id, s.PerSender, targets))))
                .ToArray();

            foreach (var sender in actorSenders)
            {
                sender.Tell("go", ActorRefs.NoSender);
            }

            var threads = Enumerable.Range(s.ActorSenders, s.ThreadSenders).Select(id => Task.Run(() =>
            {
                for (var i = 0; i < s.PerSender; i++)
                {
                    foreach (var target in targets)
                    {
                        target.Tell(new Sequenced(id, i), ActorRefs.NoSender);
                    }
                }
            })).ToArray();

            var complete = received.Wait(Dilated(TimeSpan.FromSeconds(20)));
            Task.WaitAll(threads);
            foreach (var actor in targets.Concat(actorSenders))
            {
                Sys.Stop(actor);
            }

            violations.Should().BeEmpty();
            return complete && violations.IsEmpty;
        }).QuickCheckThrowOnFailure();
    }
}
