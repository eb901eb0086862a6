using PuppeteerSharp;

namespace IoActors.Platform.Instances.Windows;

/// <summary>
/// One running browser process of the Chromium window host, with its temporary user-data-dir (removed on dispose).
/// <see cref="Exited"/> completes with a reason when the process dies or the DevTools connection drops.
/// </summary>
internal sealed class ChromiumBrowser : IAsyncDisposable
{
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _userDataDir;
    private int _disposed;
    private Task<ICDPSession>? _session;

    private ChromiumBrowser(IBrowser browser, string userDataDir, bool headless)
    {
        Browser = browser;
        _userDataDir = userDataDir;
        Headless = headless;
        browser.Disconnected += (_, _) => _exited.TrySetResult(ExitReason("the DevTools connection closed"));
        if (browser.Process is { } process)
        {
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => _exited.TrySetResult(ExitReason("the process ended"));
        }
    }

    /// <summary>The DevTools connection.</summary>
    public IBrowser Browser { get; }

    /// <summary>Whether it runs headless.</summary>
    public bool Headless { get; }

    /// <summary>The browser's OS process ID, if known.</summary>
    public int? ProcessId => Browser.Process is { } p ? SafeId(p) : null;

    /// <summary>A browser-level DevTools session (Browser.* commands), created once.</summary>
    public Task<ICDPSession> SessionAsync() => LazyInitializer.EnsureInitialized(ref _session, () => Browser.Target.CreateCDPSessionAsync());

    /// <summary>Completes with why the browser is gone ("browser exited: …").</summary>
    public Task<string> Exited => _exited.Task;

    /// <summary>Starts the browser at <paramref name="executable"/>.</summary>
    public static async Task<ChromiumBrowser> LaunchAsync(string executable, bool headless, CancellationToken cancellationToken)
    {
        var userDataDir = Path.Combine(Path.GetTempPath(), "ioactors-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(userDataDir);
        var args = new List<string> { "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage" };
        if (IsRoot())
        {
            // Chromium refuses to run as root with its sandbox (CI containers).
            args.Add("--no-sandbox");
        }

        var options = new LaunchOptions
        {
            ExecutablePath = executable,
            Headless = headless,
            UserDataDir = userDataDir,
            Args = [.. args],
            DefaultViewport = null,
            Timeout = 30_000,
        };
        try
        {
            var browser = await Puppeteer.LaunchAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new ChromiumBrowser(browser, userDataDir, headless);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            TryDelete(userDataDir);
            throw new LaunchException($"starting the browser {executable} failed: {e.Message}");
        }
    }

    /// <summary>Closes the browser (killing it when it does not close in time) and removes the user-data-dir.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _exited.TrySetResult("browser exited: the platform closed it");

        // Its renderer, GPU and zygote processes, to make sure none outlives the browser (a killed browser leaves them).
        var tree = ProcessId is { } pid ? ProcessTree.Descendants(pid) : [];
        try
        {
            await Browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing failed or timed out: the process is killed below.
        }

        if (Browser.Process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Already gone.
            }
        }

        await EndAllAsync(tree).ConfigureAwait(false);
        Browser.Dispose();
        TryDelete(_userDataDir);
    }

    /// <summary>Kills what is left of <paramref name="tree"/> and waits (up to 5 s) until none of it runs.</summary>
    private static async Task EndAllAsync(IReadOnlyList<ProcessTree.ProcessKey> tree)
    {
        if (tree.Count == 0)
        {
            return;
        }

        ProcessTree.Signal(tree, PosixSignals.SigKill);

        // Not our children: nothing to await but their state in /proc, read until they are gone.
        var deadline = Environment.TickCount64 + 5_000;
        while (tree.Any(ProcessTree.IsAlive) && Environment.TickCount64 < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    private string ExitReason(string what)
    {
        var code = Browser.Process is { HasExited: true } p ? SafeExitCode(p) : null;
        return "browser exited: " + what + (code is { } c ? $" (exit code {c})" : string.Empty);
    }

    private static int? SafeExitCode(System.Diagnostics.Process p)
    {
        try
        {
            return p.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static int? SafeId(System.Diagnostics.Process p)
    {
        try
        {
            return p.Id;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsRoot() => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static void TryDelete(string folder)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                // A file still held by an exiting child process: try again.
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
