using System.CommandLine;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Commands;
using Xunit;

namespace IoActors.Host.Tests.Definitions;

/// <summary><c>ioactors validate</c> and <c>ioactors new</c>, invoked in-process with captured output.</summary>
public sealed class CliDefinitionTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ioactors-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Validate_ValidFolder_PrintsSummaryAndExitsZero()
    {
        Write("a.json", """{"name": "a", "type": "window", "details": {"url": "https://x"}}""");
        Write("b.json", """[{"name": "b", "type": "exe", "details": {"path": "C:/b"}}, {"name": "c", "type": "node", "details": {"path": "c.js"}}]""");
        Write("notes.txt", "not a definition");

        var (code, output, _) = Run("validate", _dir.FullName);

        code.Should().Be(0);
        output.Trim().Should().Be("2 files, 3 definitions: 3 valid, 0 errors, 0 warnings.");
    }

    [Fact]
    public void Validate_Problems_PrintsFileLineColumnSeverityPathMessageAndExitsOne()
    {
        var file = Write("bad.json", "[\n  {\"name\": \"ok\", \"type\": \"window\", \"details\": {\"url\": \"https://x\"}},\n  {\"name\": \"z\", \"type\": \"window\",\n   \"details\": {\"url\": \"https://x\", \"zoom\": {\"defaultFactor\": 600}, \"showConsole\": true}}\n]");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(1);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().Equal(
            $"{file}:4:45: error: details.zoom.defaultFactor: 600 is outside 25..500",
            $"{file}:4:68: warning: details.showConsole: does nothing for window apps (valid for node)",
            "1 file, 2 definitions: 1 valid, 1 error, 1 warning.");
    }

    [Fact]
    public void Validate_WarningsOnly_ExitsZero()
    {
        var file = Write("w.json", """{"name": "n", "type": "node", "details": {"path": "a.js", "width": 10}}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(0);
        output.Should().Contain("warning: details.width: does nothing for node apps");
    }

    [Fact]
    public void Validate_DuplicateNamesAcrossFiles_IsAnError()
    {
        var a = Write("a.json", """{"name": "same", "type": "window", "details": {"url": "https://x"}}""");
        var b = Write("b.json", """{"name": "same", "type": "node", "details": {"path": "x.js"}}""");

        var (code, output, _) = Run("validate", a, b);

        code.Should().Be(1);
        output.Should().Contain($"{b}:1:2: error: name: \"same\" is already defined in {a}");
    }

    [Fact]
    public void Validate_MissingPathAndSyntaxError_AreReportedNotThrown()
    {
        var broken = Write("broken.json", "{\"name\": \"a\",, }");
        var missing = Path.Combine(_dir.FullName, "missing.json");

        var (code, output, _) = Run("validate", missing, broken);

        code.Should().Be(1);
        output.Should().Contain($"{missing}: error: no such file or folder");
        output.Should().Contain($"{broken}:1:14: error: invalid JSON:");
    }

    [Fact]
    public void Validate_StoreOption_AppliesTheStoreKindRules()
    {
        var file = Write("core.json", """{"name": "c", "type": "node", "runPriority": {"stage": "core"}, "details": {"path": "c.js"}}""");

        var (_, regular, _) = Run("validate", file);
        var (_, system, _) = Run("validate", "--store", "system", file);

        regular.Should().Contain("warning: runPriority.stage: stage core only starts apps from system stores");
        system.Should().NotContain("warning:");
    }

    [Fact]
    public void Validate_Json_PrintsAMachineReadableDocument()
    {
        var file = Write("j.json", """[{"name": "ok", "type": "window", "details": {"url": "https://x"}}, {"name": "bad", "type": "window", "details": {"mode": "x", "url": "https://x"}}]""");

        var (code, output, _) = Run("validate", "--json", file);

        code.Should().Be(1);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        root.GetProperty("files").GetInt32().Should().Be(1);
        root.GetProperty("definitions").GetInt32().Should().Be(2);
        root.GetProperty("valid").GetInt32().Should().Be(1);
        root.GetProperty("errors").GetInt32().Should().Be(1);
        root.GetProperty("apps")[0].GetProperty("name").GetString().Should().Be("ok");
        root.GetProperty("apps")[0].GetProperty("contentHash").GetString().Should().MatchRegex("^[0-9a-f]{16}$");
        var problem = root.GetProperty("problems")[0];
        problem.GetProperty("file").GetString().Should().Be(file);
        problem.GetProperty("line").GetInt32().Should().Be(1);
        problem.GetProperty("column").GetInt32().Should().BeGreaterThan(1);
        problem.GetProperty("severity").GetString().Should().Be("error");
        problem.GetProperty("path").GetString().Should().Be("details.mode");
        problem.GetProperty("value").GetString().Should().Be("\"x\"");
        problem.GetProperty("app").GetString().Should().Be("bad");
        problem.GetProperty("index").GetInt32().Should().Be(1);
    }

    [Theory]
    [InlineData("window")]
    [InlineData("exe")]
    [InlineData("node")]
    [InlineData("service")]
    public void New_EveryKind_PrintsATemplateThatValidates(string kind)
    {
        var (code, output, _) = Run("new", kind, "fresh-app");
        var file = Write("fresh.json", output);

        var (validateCode, validateOutput, _) = Run("validate", file);

        code.Should().Be(0);
        JsonDocument.Parse(output).RootElement.GetProperty("name").GetString().Should().Be("fresh-app");
        validateCode.Should().Be(0);
        validateOutput.Trim().Should().Be("1 file, 1 definition: 1 valid, 0 errors, 0 warnings.");
    }

    [Fact]
    public void New_UnknownKind_FailsWithAParseError()
    {
        var (code, output, error) = Run("new", "browser", "x");

        code.Should().NotBe(0);
        (output + error).Should().Contain("browser");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { ValidateCommand.Create(), NewCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
