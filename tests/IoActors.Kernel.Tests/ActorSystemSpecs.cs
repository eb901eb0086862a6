using FluentAssertions;
using IoActors.Kernel.Tests.Support;
using IoActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace IoActors.Kernel.Tests;

public sealed class ActorSystemSpecs(ITestOutputHelper output) : KernelSpec(output)
{
    [Fact]
    public void ActorOf_TopLevelActor_LivesUnderUserAndAnswers()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");

        echo.Path.ToString().Should().Be("/user/echo");
        echo.Path.ToStringWithAddress().Should().Be($"ioactors://{Sys.Name}/user/echo");
        echo.Tell("hello", TestActor);
        ExpectMsg("hello");
        LastSender.Should().Be(echo);
    }

    [Fact]
    public void Tell_NullMessage_ThrowsArgumentNullException()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        var act = () => echo.Tell(null!, TestActor);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task ActorOf_TerminatedSystem_ThrowsClearException()
    {
        await Sys.Terminate();

        var act = () => Sys.ActorOf(Props.Create<EchoActor>(), "late");

        act.Should().Throw<InvalidOperationException>().WithMessage("*late*terminat*");
    }
}
