using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using IoActors.Host.Commands;
using IoActors.Testing;

namespace IoActors.Host.Tests.Cli;

/// <summary><c>ioactors manager run --config FILE</c>.</summary>
public sealed class ManagerCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_invalid_configuration_exits_1_naming_each_key()
    {
        using var folder = new TempFolder();
        var file = folder.Write("manager.conf", """
            manager {
              listen = "nowhere"
              auth { type = magic, staticTokens = [ { token = short, user = svc } ] }
              limits.maxApps = lots
            }
            """);
        var (output, error) = (new StringWriter(), new StringWriter());
        (await ManagerCommand.RunAsync(file, [], output, error)).Should().Be(1);
        error.ToString().Should().Contain("invalid configuration").And.Contain("manager.limits.maxApps");

        folder.Write("manager.conf", "manager { listen = nowhere, auth.type = magic, auth.staticTokens = [ { token = short, user = svc } ] }");
        var second = new StringWriter();
        (await ManagerCommand.RunAsync(file, [], output, second)).Should().Be(1);
        second.ToString().Should().Contain("manager.listen").And.Contain("manager.auth.type").And.Contain("manager.auth.staticTokens[0].token");
        output.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_configuration_file_exits_1()
    {
        var error = new StringWriter();
        (await ManagerCommand.RunAsync("/no/such/manager.conf", [], new StringWriter(), error)).Should().Be(1);
        error.ToString().Should().Contain("/no/such/manager.conf: file not found");
    }

    [Fact]
    public async Task The_server_runs_from_its_file_stops_on_SIGTERM_and_keeps_its_state_for_the_next_run()
    {
        using var folder = new TempFolder();
        var file = folder.Write("conf/manager.conf", """
            manager {
              listen = "127.0.0.1:0"
              dataFolder = "../data"
              auth.admin { username = admin, password = "cli-admin-password" }
            }
            """);
        using var http = new HttpClient { Timeout = Timeout };
        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:cli-admin-password")));

        string token;
        using (var first = await ManagerProcess.StartAsync(file))
        {
            using var info = await http.GetAsync(first.Url + "/v2/server/info");
            info.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            using var hello = new HttpRequestMessage(HttpMethod.Post, first.Url + "/user/hello") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            hello.Headers.Authorization = basic;
            using var answer = await http.SendAsync(hello);
            answer.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
            token = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
            (await first.TerminateAsync()).Should().Be(0);
            first.Output.Should().Contain("auth basic").And.Contain("IoActors Manager stopped.");
        }

        File.Exists(Path.Combine(folder.Path, "data", "session-signing.key")).Should().BeTrue();
        using var second = await ManagerProcess.StartAsync(file);
        using var me = new HttpRequestMessage(HttpMethod.Get, second.Url + "/user");
        me.Headers.Add("serverx-token", token);
        using var meAnswer = await http.SendAsync(me);
        meAnswer.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the session of the first run is still open");
        JsonDocument.Parse(await meAnswer.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString().Should().Be("admin");
        (await second.TerminateAsync()).Should().Be(0);
    }

    /// <summary><c>dotnet ioactors.dll manager run --config FILE</c> as a child process, started until it printed its URL.</summary>
    private sealed class ManagerProcess : IDisposable
    {
        private const string Marker = "IoActors Manager on ";
        private readonly Process _process;
        private readonly StringBuilder _output;

        private ManagerProcess(Process process, StringBuilder output, string url)
        {
            _process = process;
            _output = output;
            Url = url;
        }

        public string Url { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<ManagerProcess> StartAsync(string config)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ioactors.dll"));
            foreach (var arg in new[] { "manager", "run", "--config", config })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            var output = new StringBuilder();
            var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                lock (output)
                {
                    if (e.Data is null)
                    {
                        url.TrySetException(new InvalidOperationException("the manager exited: " + output));
                        return;
                    }

                    output.AppendLine(e.Data);
                }

                if (e.Data.StartsWith(Marker, StringComparison.Ordinal))
                {
                    url.TrySetResult(e.Data[Marker.Length..].Split(' ')[0]);
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                return new ManagerProcess(process, output, await url.Task.WaitAsync(Timeout));
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        }

        /// <summary>Sends SIGTERM and waits for the exit; the exit code.</summary>
        public async Task<int> TerminateAsync()
        {
            kill(_process.Id, 15).Should().Be(0);
            using var cancel = new CancellationTokenSource(Timeout);
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);
    }
}
