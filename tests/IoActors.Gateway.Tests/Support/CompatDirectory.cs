using System.Diagnostics;

namespace IoActors.Gateway.Tests.Support;

/// <summary>Finds tests/compat and runs <c>npm ci</c>/<c>npm install</c> there once if node_modules is missing.</summary>
public static class CompatDirectory
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _ready;

    public static async Task<string> EnsureInstalledAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_ready is not null)
            {
                return _ready;
            }

            var dir = Find();
            if (!Directory.Exists(Path.Combine(dir, "node_modules", "@interopio", "desktop")))
            {
                var command = File.Exists(Path.Combine(dir, "package-lock.json")) ? "ci" : "install";
                var info = new ProcessStartInfo("npm", command + " --no-audit --no-fund") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
                using var npm = Process.Start(info)!;
                var stderr = npm.StandardError.ReadToEndAsync();
                await npm.StandardOutput.ReadToEndAsync();
                await npm.WaitForExitAsync();
                if (npm.ExitCode != 0)
                {
                    throw new InvalidOperationException($"npm {command} in {dir} failed with exit code {npm.ExitCode}: {await stderr}");
                }
            }

            _ready = dir;
            return dir;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "compat", "package.json");
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }

            dir = dir.Parent;
        }

        throw new DirectoryNotFoundException($"Could not find tests/compat/package.json above {AppContext.BaseDirectory}.");
    }
}
