using System.Text.Json;
using FluentAssertions;
using IoActors.Platform.Instances.Windows;
using Xunit;

namespace IoActors.Platform.Tests.Instances.Windows;

/// <summary><c>details.placement</c> resolved against a screen: alignments, margins in pixels and percent, defaults, bad values named.</summary>
public sealed class WindowPlacementTests
{
    private static readonly ScreenArea Screen = new(0, 0, 1000, 800);

    [Theory]
    [InlineData("""{"snapped":true,"verticalAlignment":"top","horizontalAlignment":"center","height":50,"width":"30%","top":10}""", 350, 10, 300, 50)]
    [InlineData("""{"snapped":false,"verticalAlignment":"bottom","height":"10%","bottom":"5px"}""", 0, 715, 1000, 80)]
    [InlineData("""{"snapped":true,"horizontalAlignment":"right","width":200,"right":20,"top":30,"bottom":30}""", 780, 30, 200, 740)]
    [InlineData("""{"snapped":false,"left":"10%","top":40}""", 100, 40, 400, 300)]
    [InlineData("""{"snapped":false,"horizontalAlignment":"stretch","verticalAlignment":"stretch","left":10,"right":10,"top":"50%"}""", 10, 400, 980, 400)]
    public void Resolve_PlacesTheWindowOnTheScreen(string json, int left, int top, int width, int height)
    {
        var problems = new List<string>();
        var placement = WindowPlacement.Read(JsonDocument.Parse(json).RootElement, problems)!;
        problems.Should().BeEmpty();
        placement.Resolve(Screen, 400, 300).Should().Be(new WindowBounds(left, top, width, height));
    }

    [Fact]
    public void Resolve_IsRelativeToTheScreensWorkArea()
    {
        var placement = WindowPlacement.Read(JsonDocument.Parse("""{"snapped":true,"horizontalAlignment":"left","verticalAlignment":"top","left":5,"top":5}""").RootElement, [])!;
        placement.Resolve(new ScreenArea(100, 50, 1000, 800), 400, 300).Should().Be(new WindowBounds(105, 55, 400, 300));
    }

    [Fact]
    public void Read_NamesEveryBadValue()
    {
        var problems = new List<string>();
        WindowPlacement.Read(JsonDocument.Parse("""{"horizontalAlignment":"middle","width":"wide","top":-1,"height":"120%"}""").RootElement, problems);
        problems.Should().BeEquivalentTo(
            "details.placement.horizontalAlignment: \"middle\" must be one of left, right, center, stretch",
            "details.placement.width: \"wide\" must be a number of pixels, \"<n>px\" or \"<n>%\" (0–100)",
            "details.placement.height: \"120%\" must be a number of pixels, \"<n>px\" or \"<n>%\" (0–100)",
            "details.placement.top: -1 must be a number of pixels, \"<n>px\" or \"<n>%\" (0–100)");
        WindowPlacement.Read(JsonDocument.Parse("\"top\"").RootElement, problems = []).Should().BeNull();
        problems.Should().Equal("details.placement: \"top\" must be an object");
    }
}
