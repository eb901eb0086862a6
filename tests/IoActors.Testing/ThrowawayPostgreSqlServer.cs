using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace IoActors.Testing;

/// <summary>
/// Starts a private PostgreSQL server from the installed binaries (/usr/lib/postgresql/*/bin) for tests and
/// benchmarks: data under /tmp, 127.0.0.1 on a free port, fsync off, trust authentication; when running as root,
/// initdb and pg_ctl run as the "postgres" user through runuser. Disposing stops it (immediate mode) and deletes its data.
/// </summary>
public sealed class ThrowawayPostgreSqlServer : IAsyncDisposable
{
    private const string DatabaseName = "ioactors_test";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binDirectory;
    private readonly string _root;
    private readonly bool _asPostgresUser;
    private int _disposed;

    private ThrowawayPostgreSqlServer(string binDirectory, string root, bool asPostgresUser, int port)
    {
        _binDirectory = binDirectory;
        _root = root;
        _asPostgresUser = asPostgresUser;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = DatabaseName,
            Pooling = true,
            MaxPoolSize = 20,
        }.ConnectionString;
    }

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>A connection string to the server's empty test database.</summary>
    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Starts a server and creates the test database, within <paramref name="timeout"/>.</summary>
    /// <exception cref="PostgreSqlUnavailableException">No server could be started; the message says why.</exception>
    public static async Task<ThrowawayPostgreSqlServer> StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PostgreSqlUnavailableException("A throwaway PostgreSQL server is only started on Linux or macOS.");
        }

        var bin = FindBinDirectory()
            ?? throw new PostgreSqlUnavailableException("No PostgreSQL server binaries found (looked for /usr/lib/postgresql/*/bin/initdb and pg_ctl).");
        var asPostgresUser = Environment.IsPrivilegedProcess;
        if (asPostgresUser && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser") && !File.Exists("/usr/bin/runuser"))
        {
            throw new PostgreSqlUnavailableException("Running as root, but runuser is missing, so initdb cannot run as the postgres user.");
        }

        var root = Path.Combine(Path.GetTempPath(), "ioactors-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new ThrowawayPostgreSqlServer(bin, root, asPostgresUser, TestPorts.Free());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await server.InitAndStartAsync(deadline.Token).ConfigureAwait(false);
            return server;
        }
        catch (Exception e)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            if (e is PostgreSqlUnavailableException)
            {
                throw;
            }

            var phase = deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested ? $" (timed out after {timeout})" : "";
            throw new PostgreSqlUnavailableException($"Could not start a throwaway PostgreSQL server from {bin}{phase}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                using var timeout = new CancellationTokenSource(s_commandTimeout);
                await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // Best effort: the data directory is deleted below either way.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover directory in /tmp is harmless.
        }
    }

    private async Task InitAndStartAsync(CancellationToken cancellationToken)
    {
        if (_asPostgresUser)
        {
            // The postgres user must own the data directory and be able to create its socket here.
            await RunRawAsync("chown", ["postgres:postgres", _root], cancellationToken).ConfigureAwait(false);
        }

        if (OperatingSystem.IsWindows())
        {
            throw new PostgreSqlUnavailableException("A throwaway PostgreSQL server is only started on Linux or macOS.");
        }

        File.SetUnixFileMode(_root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await RunAsync(
            "initdb",
            ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            cancellationToken).ConfigureAwait(false);

        var settings = string.Create(
            CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories={_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100");
        await RunAsync(
            "pg_ctl",
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", settings, "-w", "-t", "60", "start"],
            cancellationToken).ConfigureAwait(false);

        await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        // A readiness poll with a deadline (the caller's token): pg_ctl -w normally returns when the server accepts
        // connections already, so the first attempt usually succeeds.
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false, Timeout = 5 }.ConnectionString;
        Exception? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
            {
                last = e;
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            }
        }

        throw new PostgreSqlUnavailableException($"The server on port {Port} never accepted connections: {last?.Message}", last);
    }

    private Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return _asPostgresUser
            ? RunRawAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], cancellationToken)
            : RunRawAsync(executable, arguments, cancellationToken);
    }

    private async Task<string> RunRawAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_root, "server.log");
            var serverLog = File.Exists(log) ? Environment.NewLine + "server.log: " + await File.ReadAllTextAsync(log, cancellationToken).ConfigureAwait(false) : "";
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', arguments)}' exited with code {process.ExitCode}: {output.Trim()}{serverLog}");
        }

        return output;
    }

    private static string? FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("IOACTORS_POSTGRES_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")) && File.Exists(Path.Combine(x.Dir, "pg_ctl")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }
}
