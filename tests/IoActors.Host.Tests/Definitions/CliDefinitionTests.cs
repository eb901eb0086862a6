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

    [Fact]
    public void Validate_LoneSurrogateEscape_IsAnErrorAtItsPathAndLineNotAValidFile()
    {
        var file = Write("s.json", "[\n {\"name\": \"ok\", \"type\": \"window\", \"details\": {\"url\": \"https://x\"}},\n {\"name\": \"s\", \"type\": \"window\", \"title\": \"\\udc00\", \"details\": {\"url\": \"https://x\"}}\n]");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(1);
        Lines(output).Should().Equal(
            $"{file}:3:43: error: title: the string cannot be read as text: it holds an unpaired surrogate escape \\udc00 (a low surrogate without a high one before it)",
            "1 file, 2 definitions: 1 valid, 1 error, 0 warnings.");
    }

    [Fact]
    public void Validate_LoneSurrogateEscape_JsonOutputStaysValidJson()
    {
        var file = Write("s.json", "{\"name\": \"\\udc00\", \"type\": \"window\", \"details\": {\"url\": \"https://x\"}}");

        var (code, output, _) = Run("validate", "--json", file);

        code.Should().Be(1);
        using var doc = JsonDocument.Parse(output);
        var problem = doc.RootElement.GetProperty("problems")[0];
        problem.GetProperty("path").GetString().Should().Be("name");
        problem.GetProperty("value").GetString().Should().Be("\"\\udc00\"");
        problem.GetProperty("app").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("a/b", "contains \"/\" (at character 2)")]
    [InlineData("..", "must not be \".\" or \"..\"")]
    [InlineData("a\\u0000b", "control character U+0000")]
    [InlineData("a\\r\\nb", "control character U+000D")]
    public void Validate_UnaddressableName_IsAnErrorAtName(string name, string message)
    {
        var file = Write("n.json", $$$"""{"name": "{{{name}}}", "type": "window", "details": {"url": "https://x"}}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(1);
        output.Should().Contain($"{file}:1:2: error: name: ").And.Contain(message);
    }

    [Fact]
    public void Validate_NameLongerThanTheMaximum_IsAnError()
    {
        var ok = Write("ok.json", $$$"""{"name": "{{{new string('a', 256)}}}", "type": "window", "details": {"url": "https://x"}}""");
        var tooLong = Write("long.json", $$$"""{"name": "{{{new string('a', 257)}}}", "type": "window", "details": {"url": "https://x"}}""");

        Run("validate", ok).Code.Should().Be(0);
        var (code, output, _) = Run("validate", tooLong);

        code.Should().Be(1);
        output.Should().Contain("error: name: is 257 characters long; app names are at most 256 characters");
    }

    [Fact]
    public void Validate_RestartPolicyThatWouldNeverGiveUp_IsAnError()
    {
        var file = Write("r.json", """{"name": "r", "type": "node", "restartPolicy": {"mode": "always", "maxRestarts": 5, "withinMs": 500, "backoffMs": 1000}, "details": {"path": "r.js"}}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(1);
        output.Should().Contain($"{file}:1:85: error: restartPolicy.withinMs: 500 ms cannot hold 5 restarts: their backoff alone takes 31000 ms");
    }

    [Fact]
    public void Validate_InvalidRestartPolicy_IsAnErrorNotOnlyAtStart()
    {
        var file = Write("r.json", """{"name": "r", "type": "node", "restartPolicy": {"mode": "sometimes", "backoffMs": "1s"}, "details": {"path": "r.js"}}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(1);
        Lines(output).Should().Equal(
            $"{file}:1:49: error: restartPolicy.mode: \"sometimes\" is not a mode (expected \"never\", \"on-failure\" or \"always\")",
            $"{file}:1:70: error: restartPolicy.backoffMs: \"1s\" is not a number",
            "1 file, 1 definition: 0 valid, 2 errors, 0 warnings.");
    }

    [Fact]
    public void Validate_NodeAppParameters_AreNotCalledUseless()
    {
        var file = Write("p.json", """{"name": "p", "type": "node", "details": {"path": "p.js", "parameters": "--port 8080"}}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(0);
        output.Trim().Should().Be("1 file, 1 definition: 1 valid, 0 errors, 0 warnings.");
    }

    [Fact]
    public void Validate_ExeParametersAsAnArray_IsAnErrorSayingTheyAreOneString()
    {
        var file = Write("e.json", """{"name": "e", "type": "exe", "details": {"path": "/opt/e", "command": "e", "parameters": ["--port", "8080"]}}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(1);
        output.Should().Contain($"{file}:1:76: error: details.parameters: expected one string of command-line parameters such as \"--port 8080 --verbose\" (split at spaces; double quotes group an argument), got an array");
    }

    [Fact]
    public void Validate_NamesDifferingOnlyInCase_WarnWithinAFileAndAcrossFiles()
    {
        var a = Write("a.json", """[{"name": "Trades", "type": "window", "details": {"url": "https://a"}}, {"name": "trades", "type": "window", "details": {"url": "https://b"}}]""");
        var b = Write("b.json", """{"name": "TRADES", "type": "window", "details": {"url": "https://c"}}""");

        var (code, output, _) = Run("validate", a, b);

        code.Should().Be(0);
        Lines(output).Should().Equal(
            $"{a}:1:74: warning: name: \"trades\" differs only in letter case from \"Trades\", defined at index 0; names are case-sensitive, so both are kept, but they are easily confused",
            $"{b}:1:2: warning: name: \"TRADES\" differs only in letter case from \"Trades\", defined in {a}; names are case-sensitive, so both are kept, but they are easily confused",
            "2 files, 3 definitions: 3 valid, 0 errors, 2 warnings.");
    }

    [Fact]
    public void Validate_DuplicateKey_WarnsNamingTheKeyPathAndBothLines()
    {
        var file = Write("d.json", "{\"name\": \"d\", \"type\": \"window\",\n \"details\": {\"url\": \"https://x\",\n   \"mode\": \"tab\",\n   \"mode\": \"html\"}}");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(0);
        Lines(output).Should().Equal(
            $"{file}:4:4: warning: details.mode: duplicate key \"mode\" (lines 3 and 4); the last one (line 4) is used",
            "1 file, 1 definition: 1 valid, 0 errors, 1 warning.");
    }

    [Fact]
    public void Validate_MisspelledTopLevelKey_SaysDidYouMean()
    {
        var file = Write("m.json", """{"name": "m", "type": "node", "autostart": true, "details": {"path": "m.js"}}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(0);
        output.Should().Contain($"{file}:1:31: warning: autostart: is not a documented property and is ignored; did you mean \"autoStart\"? (property names are case-sensitive)");
    }

    [Fact]
    public void Validate_WindowWithNumericRunPriority_IsValidWithAWarning()
    {
        var file = Write("w.json", """{"name": "w", "type": "window", "runPriority": 5, "details": {"url": "https://x"}}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(0);
        Lines(output).Should().Equal(
            $"{file}:1:33: warning: runPriority: only exe and node apps can start in stage core; this window app will not be started at boot (a numeric runPriority means stage core); for another stage write {{\"stage\": \"user\", \"priority\": 5}}",
            "1 file, 1 definition: 1 valid, 0 errors, 1 warning.");
    }

    [Fact]
    public void Validate_Fdc3WebRecordWithoutUrl_SaysWhatIsMissingInTheRecordsTerms()
    {
        var file = Write("f.json", """{"applications": [{"appId": "f", "title": "F", "type": "web", "details": {}}]}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(1);
        output.Should().Contain($"{file}:1:63: error: details.url: is required for an FDC3 web app (the page the window loads)").And.NotContain("null");
    }

    [Fact]
    public void Validate_Fdc3V1ManifestThatIsNotJson_GivesOurOwnPositionedMessage()
    {
        var file = Write("v1.json", """{"appId": "v1", "name": "v1", "manifest": "{x}"}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(1);
        output.Should().Contain($"{file}:1:31: error: manifest: the manifest is not valid JSON: ").And.Contain("(at line 1, column 2 of the embedded text)")
            .And.NotContain("LineNumber").And.NotContain("BytePositionInLine");
    }

    [Fact]
    public void Validate_PlacementDisplayAsANumber_IsAnError()
    {
        var file = Write("pd.json", """{"name": "pd", "type": "window", "details": {"url": "https://x", "placement": {"snapped": true, "display": 2}}}""");

        var (code, output, _) = Run("validate", file);

        code.Should().Be(1);
        output.Should().Contain($"{file}:1:97: error: details.placement.display: expected a string: the monitor number as text (\"2\") or \"main\", got the number 2");
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

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

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
