using FluentAssertions;
using IoActors.Apps.Definitions;
using IoActors.Apps.Tests.Definitions.Support;
using Xunit;

namespace IoActors.Apps.Tests.Definitions;

public sealed class TemplateTests
{
    [Theory]
    [InlineData("window", AppType.Window)]
    [InlineData("exe", AppType.Exe)]
    [InlineData("node", AppType.Node)]
    [InlineData("service", AppType.Window)]
    public void Create_EveryKind_GivesADefinitionThatValidatesWithoutProblems(string kind, AppType type)
    {
        var json = AppDefinitionTemplates.Create(kind, "my-new-app");

        var result = Json.Read(json);

        result.Problems.Should().BeEmpty();
        var definition = result.Definitions.Should().ContainSingle().Subject;
        definition.Name.Should().Be("my-new-app");
        definition.Title.Should().Be("My New App");
        definition.Type.Should().Be(type);
    }

    [Fact]
    public void Create_Service_IsAHiddenAutoStartedWindow()
    {
        var definition = Json.Single(AppDefinitionTemplates.Create("service", "svc"));

        definition.Service.Should().BeTrue();
        definition.AutoStart.Should().BeTrue();
        definition.WindowHidden.Should().BeTrue();
        definition.Hidden.Should().BeTrue();
    }

    [Theory]
    [InlineData("browser", "app", "Unknown template kind \"browser\"")]
    [InlineData("window", " ", "must not be empty")]
    public void Create_BadArguments_ThrowsNamingTheProblem(string kind, string name, string message)
    {
        var act = () => AppDefinitionTemplates.Create(kind, name);

        act.Should().Throw<ArgumentException>().WithMessage($"*{message}*");
    }
}
