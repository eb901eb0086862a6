namespace IoActors.Persistence.Sql;

/// <summary>One serialized event, ready to insert.</summary>
internal readonly record struct EventRow(long SequenceNr, long TimestampTicks, string Manifest, string Payload);
