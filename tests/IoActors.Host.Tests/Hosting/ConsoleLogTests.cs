using System.Text.RegularExpressions;
using FluentAssertions;
using IoActors.Host.Logging;
using IoActors.Host.Tests.Support;
using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;

namespace IoActors.Host.Tests.Hosting;

/// <summary>`ioactors run` console logs: a logged value cannot forge a line or drive the terminal.</summary>
public sealed partial class ConsoleLogTests : IDisposable
{
    private const string Forged = "[12:00:00 INF] /user/platform: forged";
    private readonly HostFolder _folder = new("ioactors-console-", "console-log-token");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Run_LoggedValueWithLineBreaksAndEscapes_StaysOnItsLineEscaped()
    {
        using var host = await _folder.StartHostAsync();
        var reason = "x\r\n" + Forged + "\u001b[31m";
        var response = await host.Client.PostAsync("/api/shutdown?reason=" + Uri.EscapeDataString(reason), null);
        response.IsSuccessStatusCode.Should().BeTrue();
        await host.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var lines = host.Errors.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Should().Contain(l => l.Contains(@"Shutdown requested by api: x\r\n" + Forged + @"\u001b[31m", StringComparison.Ordinal), host.Errors);
        lines.Should().NotContain(l => l.StartsWith(Forged, StringComparison.Ordinal));
        host.Errors.Should().NotContain("\u001b[31m");
        lines.Where(l => l.Length > 0).Should().OnlyContain(l => LinePattern().IsMatch(l) || l.StartsWith(' '), "every line is a log line or an indented stack-trace line");
    }

    [Fact]
    public async Task Run_ActorAndPlatformLogs_GoThroughOneSerilogPipelineWithTheActorPath()
    {
        using var host = await _folder.StartHostAsync();
        var response = await host.Client.PostAsync("/api/shutdown?reason=done", null);
        response.IsSuccessStatusCode.Should().BeTrue();
        await host.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var lines = host.Errors.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        // An actor's log (Akka's logging adapter, through Akka.Logger.Serilog) names the actor path...
        lines.Should().Contain(l => ActorLinePattern().IsMatch(l), host.Errors);
        // ...and the platform's own ILogger logs come out of the same pipeline, in the same format.
        lines.Should().Contain(l => LinePattern().IsMatch(l) && l.Contains("Shutdown requested by api: done", StringComparison.Ordinal), host.Errors);
    }

    [Fact]
    public async Task Run_AtDebugLevel_LogsEachRequestWithoutItsQueryOrToken()
    {
        using var folder = new HostFolder("ioactors-requests-", "request-log-token", "logging.level = debug");
        using var host = await folder.StartHostAsync();
        (await host.Client.GetAsync("/api/apps?store=secret-query")).IsSuccessStatusCode.Should().BeTrue();
        (await host.Client.PostAsync("/api/shutdown?reason=done", null)).IsSuccessStatusCode.Should().BeTrue();
        await host.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        // Serilog.AspNetCore's request log: one line per request with the method, path and status.
        host.Errors.Should().MatchRegex(@"DBG\] [^\n]*HTTP GET /api/apps responded 200 in \d", host.Errors);
        host.Errors.Should().NotContain("secret-query").And.NotContain("request-log-token");
    }

    [Fact]
    public void ConsoleLine_ExceptionMessageWithALineBreak_IsEscapedAndTheStackTraceKept()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException("outer\n" + Forged, new FormatException("inner\r\n" + Forged));
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        var logEvent = new LogEvent(DateTimeOffset.Now, LogEventLevel.Error, thrown, new MessageTemplateParser().Parse("App {App} failed"),
            [new LogEventProperty("App", new ScalarValue("a\nb")), new LogEventProperty("Origin", new ScalarValue("/user/x"))]);
        new ConsoleSafeEnricher().Enrich(logEvent, null!);
        using var text = new StringWriter();
        new MessageTemplateTextFormatter(HostLogging.ConsoleTemplate).Format(logEvent, text);

        var lines = text.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().EndWith(@"ERR] /user/x: App a\nb failed");
        lines[1].Should().StartWith(@"System.InvalidOperationException: outer\n" + Forged);
        lines.Should().Contain(l => l.Contains(@"---> System.FormatException: inner\r\n" + Forged, StringComparison.Ordinal));
        lines.Skip(2).Should().OnlyContain(l => l.StartsWith(' '), "the rest are stack-trace lines");
    }

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d [A-Z]{3}\] ")]
    private static partial Regex LinePattern();

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d INF\] akka://ioactors/user/platform/stores/[^:]+: App store \S+ loaded \d+ apps")]
    private static partial Regex ActorLinePattern();
}
