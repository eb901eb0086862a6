using System.CommandLine;
using System.Text.Json.Nodes;
using FluentAssertions;
using IoActors.Host.Commands;
using IoActors.Testing;
using Xunit;

namespace IoActors.Host.Tests.Config;

public sealed class ConfigPrintTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ioactors-config-print-" + Guid.NewGuid().ToString("N"));

    public ConfigPrintTests()
    {
        Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void ConfigPrint_Json_PrintsExactlyTheResolvedTree()
    {
        var file = Write("app.conf", "a { b = 1 }\na.c = ${a.b}\nlist += x\nd = 5s");
        var (code, output, error) = Run("config", "print", "--file", file, "--json");
        code.Should().Be(0, error);
        error.Should().BeEmpty();
        JsonNode.DeepEquals(JsonNode.Parse(output), JsonNode.Parse("""{"a":{"b":1,"c":1},"list":["x"],"d":"5s"}""")).Should().BeTrue(output);
    }

    [Fact]
    public void ConfigPrint_AkkaSection_IsPrintedWithTheRestOfTheTree()
    {
        var file = Write("app.conf", "akka { loglevel = DEBUG, actor.default-dispatcher.throughput = 7 }\nakka.loggers = [x]");
        var (code, output, error) = Run("config", "print", "--file", file, "--json");
        code.Should().Be(0, error);
        JsonNode.DeepEquals(JsonNode.Parse(output)!["akka"], JsonNode.Parse("""{"loglevel":"DEBUG","actor":{"default-dispatcher":{"throughput":7}},"loggers":["x"]}""")).Should().BeTrue(output);
    }

    [Fact]
    public void ConfigPrint_Text_PrintsHoconThatParsesBackToTheSameTree()
    {
        var file = Write("app.conf", "a { b = \"x y\" }\nn = [1, 2]");
        var (code, output, _) = Run("config", "print", "--file", file);
        code.Should().Be(0);
        output.Should().Contain("a {").And.Contain("b = \"x y\"").And.Contain("n = [ 1, 2 ]");
        IoActors.Hocon.HoconConfig.Parse(output).ToJson(false).Should().Be("""{"a":{"b":"x y"},"n":[1,2]}""");
    }

    [Fact]
    public void ConfigPrint_MalformedFile_PrintsOneLineWithPositionAndExits1()
    {
        var file = Write("bad.conf", "a = 1\nb = [1, 2\n");
        var (code, output, error) = Run("config", "print", "--file", file);
        code.Should().Be(1);
        output.Should().BeEmpty();
        error.TrimEnd().Should().Be($"{file}:3:1: expected ']' to close the array opened at line 2, column 5, found end of file");
    }

    [Fact]
    public void ConfigPrint_UndefinedSubstitution_NamesPathAndExits1()
    {
        var file = Write("bad.conf", "a = ${IOACTORS_SURELY_UNDEFINED_SETTING.x}");
        var (code, _, error) = Run("config", "print", "--file", file, "--json");
        code.Should().Be(1);
        error.Should().StartWith($"{file}:1:5: substitution ${{IOACTORS_SURELY_UNDEFINED_SETTING.x}} is undefined");
        error.TrimEnd().Should().NotContain("\n");
    }

    [Fact]
    public void ConfigPrint_MissingFile_Exits1WithoutStackTrace()
    {
        var missing = Path.Combine(_folder, "nope.conf");
        var (code, _, error) = Run("config", "print", "--file", missing);
        code.Should().Be(1);
        error.TrimEnd().Should().Be($"{missing}: file not found");
    }

    [Fact]
    public void ConfigPrint_DefaultFile_IsTheRepositoryIoActorsConf()
    {
        // The test runs below the repository, so the search upwards from the executable's folder finds hocon/ioactors.conf.
        var found = ConfigCommand.FindDefault(_folder, AppContext.BaseDirectory);
        found.Should().NotBeNull();
        found.Should().EndWith(Path.Combine("hocon", "ioactors.conf"));

        var output = new StringWriter();
        var error = new StringWriter();
        var code = ConfigCommand.Print(null, json: true, output, error, _folder, AppContext.BaseDirectory);
        code.Should().Be(0, error.ToString());
        var tree = JsonNode.Parse(output.ToString())!;
        tree["ioactors"]!["shutdown"]!["budget"]!.GetValue<string>().Should().Be("60s");
        tree["appStores"]![0]!["details"]!["path"]!.GetValue<string>().Should().Be("../samples/apps");
    }

    [Fact]
    public void ConfigPrint_DefaultFile_PrefersCurrentDirectory()
    {
        Write("hocon/ioactors.conf", "mine = true");
        var output = new StringWriter();
        var code = ConfigCommand.Print(null, json: true, output, new StringWriter(), _folder, AppContext.BaseDirectory);
        code.Should().Be(0);
        JsonNode.Parse(output.ToString())!["mine"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task ConfigPrint_RealExecutable_PrintsJsonAndExitCodes()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ioactors.dll");
        var runtimeConfig = Path.Combine(AppContext.BaseDirectory, "ioactors.runtimeconfig.json");
        File.Exists(dll).Should().BeTrue();
        if (!File.Exists(runtimeConfig))
        {
            // Without its runtimeconfig the referenced executable cannot be started from here; the in-process tests cover it.
            return;
        }

        var good = Write("good.conf", "x = 1");
        var bad = Write("bad.conf", "x = ");
        var (okCode, okOut, _) = await HostProcess.RunCommandAsync("config", "print", "--file", good, "--json");
        okCode.Should().Be(0);
        JsonNode.Parse(okOut)!["x"]!.GetValue<int>().Should().Be(1);

        var (badCode, _, badErr) = await HostProcess.RunCommandAsync("config", "print", "--file", bad);
        badCode.Should().Be(1);
        badErr.TrimEnd().Should().Be($"{bad}:1:5: expected a value, found end of file");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliRoot.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
