using System.Text;
using Akka.Configuration;
using Akka.Persistence.Sql;
using IoActors.Platform.Configuration;

namespace IoActors.Platform.Persistence;

/// <summary>
/// The Akka configuration of the platform's persistence, built from <c>ioactors.persistence</c>: Akka.Persistence.Sql
/// as the journal and snapshot store (a SQLite file in the data folder by default, PostgreSQL by configuration, tables
/// created on first start), Csv tag mode, and the platform's event serializer bound to its persisted types. The values
/// are rendered into HOCON text (quoted and escaped); no user text reaches Akka's HOCON parser as configuration.
/// </summary>
/// <example>
/// <code>
/// var system = ActorSystem.Create("ioactors", PlatformPersistenceConfig.Create(options));
/// await PlatformPersistenceStartup.StartAsync(system, options);
/// </code>
/// </example>
public static class PlatformPersistenceConfig
{
    /// <summary>The journal plugin's configuration path.</summary>
    public const string JournalPluginId = "akka.persistence.journal.sql";

    /// <summary>The snapshot store plugin's configuration path.</summary>
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";

    /// <summary>The read journal's (Akka.Persistence.Query) configuration path.</summary>
    public const string QueryPluginId = "akka.persistence.query.journal.sql";

    /// <summary>The configuration for <c>ActorSystem.Create</c>: <see cref="Render"/> over Akka.Persistence.Sql's defaults.</summary>
    /// <param name="configuration">The platform configuration.</param>
    /// <returns>The Akka configuration.</returns>
    /// <exception cref="InvalidOperationException">The persistence settings are unusable; the message names the key.</exception>
    public static Config Create(PlatformOptions configuration) =>
        ConfigurationFactory.ParseString(Render(configuration)).WithFallback(SqlPersistence.DefaultConfiguration);

    /// <summary>The HOCON text of the persistence settings IoActors sets (without Akka.Persistence.Sql's defaults).</summary>
    /// <param name="configuration">The platform configuration.</param>
    /// <returns>The HOCON text.</returns>
    /// <exception cref="InvalidOperationException">The persistence settings are unusable; the message names the key.</exception>
    public static string Render(PlatformOptions configuration) => RenderFor(JournalDatabase.From(configuration));

    internal static string RenderFor(JournalDatabase database)
    {
        var connection = HoconText.Quote(database.ConnectionString);
        var provider = HoconText.Quote(database.LinqProviderName);
        var parallelism = database.Provider == PersistenceProvider.Sqlite ? JournalTuning.SqliteParallelism : JournalTuning.PostgreSqlParallelism;
        var text = new StringBuilder();
        text.AppendLine("akka.actor {");
        text.Append(StableJsonSerializer.Bindings(PlatformEventSerializer.Name, typeof(PlatformEventSerializer), PlatformEventSerializer.Types.Select(t => t.Type)));
        text.AppendLine("}");
        text.AppendLine("akka.persistence {");
        text.AppendLine($"  journal.plugin = {HoconText.Quote(JournalPluginId)}");
        text.AppendLine($"  snapshot-store.plugin = {HoconText.Quote(SnapshotPluginId)}");
        text.AppendLine($"  journal.sql {{");
        text.AppendLine($"    connection-string = {connection}");
        text.AppendLine($"    provider-name = {provider}");
        text.AppendLine("    table-mapping = default");
        text.AppendLine("    auto-initialize = on");
        text.AppendLine("    tag-write-mode = Csv");
        text.AppendLine($"    replay-batch-size = {HoconText.Number(JournalTuning.ReplayBatchSize)}");
        text.AppendLine($"    batch-size = {HoconText.Number(JournalTuning.BatchSize)}");
        text.AppendLine($"    db-round-trip-max-batch-size = {HoconText.Number(JournalTuning.RoundTripMaxBatchSize)}");
        text.AppendLine($"    buffer-size = {HoconText.Number(JournalTuning.BufferSize)}");
        text.AppendLine($"    parallelism = {HoconText.Number(parallelism)}");
        text.AppendLine("  }");
        text.AppendLine("  query.journal.sql {");
        text.AppendLine($"    connection-string = {connection}");
        text.AppendLine($"    provider-name = {provider}");
        text.AppendLine("    table-mapping = default");
        text.AppendLine("    tag-read-mode = Csv");
        text.AppendLine($"    write-plugin = {HoconText.Quote(JournalPluginId)}");
        text.AppendLine($"    replay-batch-size = {HoconText.Number(JournalTuning.ReplayBatchSize)}");
        text.AppendLine("  }");
        text.AppendLine("  snapshot-store.sql {");
        text.AppendLine($"    connection-string = {connection}");
        text.AppendLine($"    provider-name = {provider}");
        text.AppendLine("    table-mapping = default");
        text.AppendLine("    auto-initialize = on");
        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }
}
