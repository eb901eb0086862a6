using System.Collections.Immutable;
using System.Text;
using Akka.Persistence.Journal;
using IoActors.Platform.Persistence;

namespace IoActors.Manager.Fleet;

/// <summary>
/// The write event adapter that tags the fleet's facts with <see cref="FleetFacts.Tag"/> on their way to the journal.
/// It is bound in the journal plugin's configuration (<see cref="Config"/>) to <see cref="FleetFacts.TaggedTypes"/>
/// only, so the actors persist their events as before; the journal stores the payload itself (the tag goes to the
/// <c>tags</c> column) and the actors' persist handlers and recovery see the event, never the <see cref="Tagged"/> wrapper.
/// </summary>
internal sealed class FleetTagger : IWriteEventAdapter
{
    /// <summary>The adapter's name in <c>event-adapters</c>.</summary>
    public const string Name = "ioactors-fleet-tagger";

    private static readonly IImmutableSet<string> s_tags = ImmutableHashSet.Create(FleetFacts.Tag);

    /// <inheritdoc />
    public string Manifest(object evt) => string.Empty;

    /// <inheritdoc />
    public object ToJournal(object evt) => new Tagged(evt, s_tags);

    /// <summary>
    /// The HOCON that registers the adapter on the journal plugin and binds it to each tagged type (by its exact
    /// assembly-qualified name: a subtype is bound only through its base type, which none of the tagged types has).
    /// </summary>
    /// <param name="journalPluginId">The journal plugin's configuration path, <c>akka.persistence.journal.sql</c>.</param>
    /// <returns>The HOCON text.</returns>
    public static string Config(string journalPluginId)
    {
        var text = new StringBuilder();
        text.AppendLine($"{journalPluginId} {{");
        text.AppendLine($"  event-adapters {{ {HoconText.Quote(Name)} = {HoconText.Quote(TypeName(typeof(FleetTagger)))} }}");
        text.AppendLine("  event-adapter-bindings {");
        foreach (var type in FleetFacts.TaggedTypes)
        {
            text.AppendLine($"    {HoconText.Quote(TypeName(type))} = {HoconText.Quote(Name)}");
        }

        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
