using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class NamingSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("with space")]
    [InlineData("a/b")]
    [InlineData("ünïcode")]
    public void ActorOf_InvalidName_ThrowsInvalidActorNameNamingIt(string name)
    {
        var act = () => Sys.ActorOf(Props.Create<EchoActor>(), name);

        act.Should().Throw<InvalidActorNameException>().Where(e => e.ActorName == name && e.Message.Contains($"'{name}'"));
    }

    [Fact]
    public void ActorOf_DuplicateName_ThrowsInvalidActorNameNamingIt()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "twin");

        var act = () => Sys.ActorOf(Props.Create<EchoActor>(), "twin");

        act.Should().Throw<InvalidActorNameException>().WithMessage("*'twin'*already exists*");
    }

    [Fact]
    public void ActorOf_NameOfStoppedActor_CanBeReused()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "reuse");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        AwaitAssert(() =>
        {
            var second = Sys.ActorOf(Props.Create<EchoActor>(), "reuse");
            second.Should().NotBe(first);
        });
    }

    [Fact]
    public void ActorOf_NoName_GeneratesUniqueDollarNames()
    {
        var names = Enumerable.Range(0, 100).Select(_ => Sys.ActorOf(Props.Create<EchoActor>()).Path.Name).ToList();

        names.Should().OnlyHaveUniqueItems().And.OnlyContain(n => n.StartsWith('$'));
    }

    [Fact]
    public void ContextChild_ByName_FindsChildOrNobody()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor, (Props.Create<EchoActor>(), "kid"))), "parent");
        var kid = ExpectMsg<ChildrenCreated>().Children[0];

        parent.Tell("children", TestActor);

        ExpectMsg<string[]>().Should().Equal("kid");
        kid.Path.Parent!.ToString().Should().Be("/user/parent");
        kid.Path.Elements.Should().Equal("user", "parent", "kid");
    }

    [Fact]
    public void ActorRef_Equality_IsPerIncarnation()
    {
        var a = Sys.ActorOf(Props.Create<EchoActor>(), "eq");

        a.Should().Be(a);
        a.Equals(Sys.DeadLetters).Should().BeFalse();
        a.Path.Should().Be(ActorPath.Root(Sys.Name) / "user" / "eq");
    }

    [Fact]
    public void Constructing_ActorDirectly_ThrowsClearError()
    {
        var act = () => new EchoActor();

        act.Should().Throw<InvalidOperationException>().WithMessage("*ActorOf*");
    }
}
