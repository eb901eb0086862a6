using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace IoActors.Persistence.Sql;

/// <summary>
/// Applies the embedded schema scripts "schema/&lt;provider&gt;/NNN_description.sql" in ascending NNN, each once,
/// recording them in schema_version. Script 000 is the idempotent bootstrap that creates schema_version itself.
/// </summary>
internal static class SchemaMigrator
{
    private const string ResourcePrefix = "schema/";

    /// <summary>A schema script: its version (from the file name), description and SQL.</summary>
    public sealed record Script(int Version, string Description, string Sql);

    /// <summary>The scripts of <paramref name="provider"/>, ordered by version.</summary>
    public static IReadOnlyList<Script> LoadScripts(string provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = ResourcePrefix + provider + "/";
        var scripts = new List<Script>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var file = name[prefix.Length..^".sql".Length];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException(
                    $"Schema resource '{name}' is not named NNN_description.sql (NNN = version number).");
            }

            scripts.Add(new Script(version, file[(underscore + 1)..].Replace('_', ' '), Read(assembly, name)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Two '{provider}' schema scripts have version {scripts[i].Version}.");
            }
        }

        if (scripts.Count == 0 || scripts[0].Version != 0)
        {
            throw new InvalidOperationException($"The '{provider}' schema scripts lack the 000 bootstrap script.");
        }

        return scripts;
    }

    /// <summary>Brings the database behind <paramref name="connection"/> to the latest schema version.</summary>
    public static async Task MigrateAsync(SqlDatabase database, DbConnection connection, TimeProvider time, CancellationToken cancellationToken)
    {
        var scripts = LoadScripts(database.SchemaFolder);
        var transaction = await database.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await database.LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, scripts[0].Sql, cancellationToken).ConfigureAwait(false);

            long current;
            await using (var query = SqlCommands.Create(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version", transaction))
            {
                current = Convert.ToInt64(await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            }

            foreach (var script in scripts.Skip(1).Where(s => s.Version > current))
            {
                try
                {
                    await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e)
                {
                    throw new InvalidOperationException(
                        $"Schema migration {script.Version:000} ({script.Description}) failed on {database.SchemaFolder}: {e.Message}", e);
                }

                await using var record = SqlCommands.Create(
                    connection, "INSERT INTO schema_version (version, description, applied_at) VALUES (@version, @description, @appliedAt)", transaction);
                record.Add("@version", script.Version);
                record.Add("@description", script.Description);
                record.Add("@appliedAt", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = SqlCommands.Create(connection, sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Schema resource '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
