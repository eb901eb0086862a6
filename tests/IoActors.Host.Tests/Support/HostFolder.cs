using IoActors.Testing;

namespace IoActors.Host.Tests.Support;

/// <summary>
/// A temporary configuration folder for a real `ioactors run` process: reference.conf, an <c>apps</c> folder as its one
/// path store, and <c>test.conf</c> with a fixed API token on a free port; deleted at dispose.
/// </summary>
public sealed class HostFolder : IDisposable
{
    public HostFolder(string prefix, string token, string extraSettings = "")
    {
        Token = token;
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        Directory.CreateDirectory(Apps);
        File.Copy(System.IO.Path.Combine(HostFixture.RepositoryRoot, "hocon", "reference.conf"), System.IO.Path.Combine(Path, "reference.conf"));
        File.WriteAllText(Config, $$"""
            include required("reference.conf")
            appStores = [ { type = path, details { path = "apps" } } ]
            ioactors {
              dataFolder = "data"
              api.port = 0
              api.token = "{{token}}"
              shutdown.budget = 10s
              logging.file = null
              {{extraSettings}}
            }
            """);
    }

    public string Path { get; }

    public string Token { get; }

    /// <summary>The folder of the path store.</summary>
    public string Apps => System.IO.Path.Combine(Path, "apps");

    /// <summary>The configuration file to pass to `ioactors run --config`.</summary>
    public string Config => System.IO.Path.Combine(Path, "test.conf");

    /// <summary>The host's data folder.</summary>
    public string Data => System.IO.Path.Combine(Path, "data");

    /// <summary>Starts `ioactors run` on this folder and waits for its boot.</summary>
    public Task<HostProcess> StartHostAsync() => HostProcess.StartAsync(Config, Token);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
