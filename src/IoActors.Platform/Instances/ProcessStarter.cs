using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Event;

namespace IoActors.Platform.Instances;

/// <summary>
/// Starts app processes so that they end with the host, even when it is killed. On Linux, with util-linux's
/// <c>setpriv</c> installed, a program runs as <c>setpriv --pdeathsig SIGTERM -- &lt;program&gt; &lt;arguments…&gt;</c>:
/// setpriv sets the parent-death signal (<c>prctl(PR_SET_PDEATHSIG)</c>) and execs the program, so the app keeps
/// setpriv's pid and parent, the environment, working folder, standard streams and exit code, and no shell is involved.
/// The kernel sends that signal when the thread that forked the child ends, not the process, so every start runs on one
/// thread that lives as long as the host: a thread-pool thread that retires would otherwise take its children with it.
/// Elsewhere (or without setpriv) programs start directly, on the caller's thread.
/// </summary>
internal static class ProcessStarter
{
    /// <summary>The signal an app process gets when its host ends.</summary>
    public const string ParentDeathSignal = "SIGTERM";

    private static readonly BlockingCollection<Action> Work = [];
    private static readonly Lazy<Thread> Thread = new(StartThread);

    // Probed on the start thread at first use: the setpriv that supports --pdeathsig, or null.
    private static readonly Lazy<string?> Setpriv = new(FindSetpriv);

    /// <summary>Runs <paramref name="start"/> on the start thread (Linux), or at once on this thread elsewhere.</summary>
    /// <returns>What <paramref name="start"/> returned; faulted with what it threw.</returns>
    public static Task<T> RunAsync<T>(Func<T> start)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                return Task.FromResult(start());
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
        }

        // Completed off the start thread: whatever continues after a start must not hold up the next one.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Thread.Value;
        Work.Add(() =>
        {
            try
            {
                done.TrySetResult(start());
            }
            catch (OperationCanceledException e)
            {
                done.TrySetCanceled(e.CancellationToken);
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>
    /// Rewrites <paramref name="startInfo"/> to run its program under <c>setpriv --pdeathsig</c>, when that is available
    /// and the program resolves to an executable file (otherwise it is left as is, and the start reports the missing file
    /// as it always did). Call it on the start thread (inside <see cref="RunAsync{T}"/>).
    /// </summary>
    /// <returns>Whether the program will get the parent-death signal.</returns>
    public static bool SetParentDeathSignal(ProcessStartInfo startInfo)
    {
        // An argument string (rather than a list) cannot take the prefix; the launchers always use the list.
        if (!OperatingSystem.IsLinux() || startInfo.Arguments.Length > 0 || Setpriv.Value is not { } setpriv || ExecutableLookup.Resolve(startInfo.FileName) is not { } program)
        {
            return false;
        }

        string[] prefix = ["--pdeathsig", ParentDeathSignal, "--", program];
        for (var i = 0; i < prefix.Length; i++)
        {
            startInfo.ArgumentList.Insert(i, prefix[i]);
        }

        startInfo.FileName = setpriv;
        return true;
    }

    /// <summary>Starts the start thread and looks for setpriv now (not at the first app start), then logs how app processes end with the host.</summary>
    public static void Prepare(ILoggingAdapter log)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        _ = RunAsync(() => Setpriv.Value).ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully && t.Result is { } setpriv)
                {
                    log.Debug("App processes get {Signal} when the host ends ({Setpriv} --pdeathsig)", ParentDeathSignal, setpriv);
                }
                else
                {
                    log.Warning("util-linux setpriv with --pdeathsig was not found: app processes are not signalled when the host is killed (the next start stops them from the journal, when persistence is on)");
                }
            },
            TaskScheduler.Default);
    }

    private static Thread StartThread()
    {
        var thread = new Thread(() =>
        {
            foreach (var work in Work.GetConsumingEnumerable())
            {
                work();
            }
        })
        {
            IsBackground = true,
            Name = "ioactors-process-start",
        };
        thread.Start();
        return thread;
    }

    private static string? FindSetpriv()
    {
        var setpriv = new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists) ?? ExecutableLookup.OnPath("setpriv");
        if (setpriv is null)
        {
            return null;
        }

        // --pdeathsig came with util-linux 2.33: an older setpriv would reject it and every app would exit at once.
        try
        {
            using var probe = new Process
            {
                StartInfo = new ProcessStartInfo(setpriv, "--help") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true },
            };
            probe.Start();
            var help = probe.StandardOutput.ReadToEnd() + probe.StandardError.ReadToEnd();
            probe.WaitForExit();
            return help.Contains("--pdeathsig", StringComparison.Ordinal) ? setpriv : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
