using System.Data.Common;
using IoActors.Persistence;
using IoActors.Platform.Configuration;

namespace IoActors.Platform.Hosting;

/// <summary>Opens the journal and snapshot store the configuration names (<c>ioactors.persistence</c>).</summary>
internal static class PlatformPersistence
{
    /// <summary>
    /// Opens and initializes the stores when something is persisted (<c>ioactors.inMemoryStore.persist</c>); otherwise
    /// returns <see langword="null"/>. A relative SQLite file resolves against the configuration folder.
    /// </summary>
    /// <exception cref="InvalidOperationException">The database cannot be opened; the message names the provider and the cause.</exception>
    public static IPersistenceStores? Open(PlatformOptions configuration, TimeProvider timeProvider)
    {
        var own = configuration.IoActors;
        if (!own.InMemoryStore.Persist)
        {
            return null;
        }

        var provider = own.Persistence.Provider == Configuration.PersistenceProvider.Postgresql
            ? IoActors.Persistence.PersistenceProvider.PostgreSql
            : IoActors.Persistence.PersistenceProvider.Sqlite;
        var connectionString = own.Persistence.ConnectionString;
        if (provider == IoActors.Persistence.PersistenceProvider.Sqlite)
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            if (builder.TryGetValue("Data Source", out var source) && source is string file && file.Length > 0 && !Path.IsPathRooted(file))
            {
                var full = configuration.ResolvePath(file);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                builder["Data Source"] = full;
                connectionString = builder.ConnectionString;
            }
        }

        var stores = PersistenceFactory.Create(new IoActors.Persistence.PersistenceOptions
        {
            Provider = provider,
            ConnectionString = connectionString,
            DataFolder = configuration.ResolvePath(own.DataFolder),
            TimeProvider = timeProvider,
        });
        try
        {
            stores.InitializeAsync().GetAwaiter().GetResult();
            return stores;
        }
        catch (Exception ex)
        {
            stores.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new InvalidOperationException($"ioactors.persistence: cannot open the {provider} journal ({ex.Message})", ex);
        }
    }
}
