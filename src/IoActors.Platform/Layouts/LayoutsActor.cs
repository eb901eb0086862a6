using System.Text.Json;
using Akka.Actor;
using Akka.Persistence;
using IoActors.Platform.Hosting;

namespace IoActors.Platform.Layouts;

/// <summary>
/// Keeps the saved layouts (<c>io.layouts</c>) and the default Global layout at /user/platform/layouts/store, journaled
/// with the platform's plugins so they survive a restart when the platform persists. A change is journaled before it is
/// answered and published (<see cref="LayoutEvent"/>); commands that arrive meanwhile wait. The store is bounded: at most
/// <c>ioactors.layouts.maxCount</c> layouts, each at most <c>ioactors.layouts.maxBytes</c> of JSON; a change past either is
/// refused and nothing stored changes. The current layout (last restored, or saved with <c>setAsCurrent</c>) is not
/// journaled: it names what runs now. Every <see cref="SnapshotEvery"/> changes the state is saved as a snapshot.
/// </summary>
internal sealed class LayoutsActor : SnapshottingActor
{
    public const string Id = "ioactors-layouts";
    public const int SnapshotEvery = 100;

    private static readonly JsonSerializerOptions s_size = new(JsonSerializerDefaults.Web);

    private readonly int _maxCount;
    private readonly long _maxBytes;
    private readonly TimeProvider _clock;
    private readonly Dictionary<(string Type, string Name), PlatformLayout> _layouts = [];
    private string? _default;
    private (string Type, string Name)? _current;

    public LayoutsActor(PlatformJournal journal, int maxCount, long maxBytes, TimeProvider clock)
        : base(journal)
    {
        _maxCount = maxCount;
        _maxBytes = maxBytes;
        _clock = clock;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is LayoutsSnapshot snapshot)
            {
                _layouts.Clear();
                foreach (var layout in snapshot.Layouts)
                {
                    _layouts[Key(layout)] = layout;
                }

                _default = snapshot.DefaultName;
            }
        });
        Recover<LayoutStored>(e => _layouts[Key(e.Layout)] = e.Layout);
        Recover<LayoutDeleted>(e => Apply(e));
        Recover<LayoutNameChanged>(e => Apply(e));
        Recover<LayoutsImported>(e => Apply(e));
        Recover<DefaultLayoutStored>(e => _default = e.Name);

        Command<ListLayouts>(m => Sender.Tell(
            (IReadOnlyList<PlatformLayout>)[.. _layouts.Values.Where(l => m.Type is null || l.Type == m.Type).OrderBy(l => l.Type, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal)],
            Self));
        Command<GetLayout>(m => Sender.Tell(new LayoutLookup(_layouts.GetValueOrDefault((m.Type, m.Name))), Self));
        Command<GetDefaultLayout>(_ => Sender.Tell(new LayoutLookup(_default is { } name ? _layouts.GetValueOrDefault((LayoutTypes.Global, name)) : null), Self));
        Command<GetCurrentLayout>(_ => Sender.Tell(new LayoutLookup(_current is { } key ? _layouts.GetValueOrDefault(key) : null), Self));
        Command<StoreLayout>(Store);
        Command<DeleteLayout>(Delete);
        Command<RenameLayout>(Rename);
        Command<UpdateLayoutMetadata>(UpdateMetadata);
        Command<ImportLayouts>(Import);
        Command<SetDefaultLayout>(SetDefault);
        Command<LayoutWasRestored>(m =>
        {
            _current = Key(m.Layout);
            Sender.Tell(m, Self);
            Publish(new LayoutRestored(m.Layout, m.Status) { Token = m.Token });
        });
    }

    /// <inheritdoc />
    public override string PersistenceId => Id;

    public static Props Props(PlatformJournal journal, int maxCount, long maxBytes, TimeProvider clock) =>
        Akka.Actor.Props.Create(() => new LayoutsActor(journal, maxCount, maxBytes, clock));

    private void Store(StoreLayout m)
    {
        var key = Key(m.Layout);
        var existed = _layouts.ContainsKey(key);
        if (Refuse(CheckSize(m.Layout) ?? (existed ? null : CheckCount(1))))
        {
            return;
        }

        var sender = Sender;
        Persist(new LayoutStored(m.Layout), stored =>
        {
            _layouts[key] = stored.Layout;
            if (m.SetAsCurrent)
            {
                _current = key;
            }

            Publish(existed ? new LayoutChanged(stored.Layout) { Token = m.Token } : new LayoutAdded(stored.Layout) { Token = m.Token });
            sender.Tell(stored.Layout, Self);
            MaybeSnapshot();
        });
    }

    private void Delete(DeleteLayout m)
    {
        if (!_layouts.TryGetValue((m.Type, m.Name), out var layout))
        {
            RefuseUnknown(m.Type, m.Name);
            return;
        }

        var sender = Sender;
        Persist(new LayoutDeleted(m.Type, m.Name), deleted =>
        {
            Apply(deleted);
            Publish(new LayoutRemoved(layout) { Token = m.Token });
            sender.Tell(layout, Self);
            MaybeSnapshot();
        });
    }

    private void Rename(RenameLayout m)
    {
        if (!_layouts.TryGetValue((m.Type, m.OldName), out var layout))
        {
            RefuseUnknown(m.Type, m.OldName);
            return;
        }

        if (Refuse(string.IsNullOrWhiteSpace(m.NewName)
                ? $"Layout {m.Type} '{m.OldName}': the new name is missing or blank."
                : m.NewName != m.OldName && _layouts.ContainsKey((m.Type, m.NewName))
                    ? $"Layout {m.Type} '{m.OldName}' cannot be renamed to '{m.NewName}': a {m.Type} layout of that name exists."
                    : null))
        {
            return;
        }

        var sender = Sender;
        Persist(new LayoutNameChanged(m.Type, m.OldName, m.NewName, _clock.GetUtcNow()), renamed =>
        {
            Apply(renamed);
            var now = _layouts[(m.Type, m.NewName)];
            Publish(new LayoutRenamed(now, m.OldName) { Token = m.Token });
            sender.Tell(now, Self);
            MaybeSnapshot();
        });
    }

    private void UpdateMetadata(UpdateLayoutMetadata m)
    {
        if (!_layouts.TryGetValue((m.Type, m.Name), out var layout))
        {
            RefuseUnknown(m.Type, m.Name);
            return;
        }

        var updated = layout with { Metadata = m.Metadata.Clone(), SavedAt = _clock.GetUtcNow() };
        if (Refuse(CheckSize(updated)))
        {
            return;
        }

        var sender = Sender;
        Persist(new LayoutStored(updated), stored =>
        {
            _layouts[Key(stored.Layout)] = stored.Layout;
            Publish(new LayoutChanged(stored.Layout) { Token = m.Token });
            sender.Tell(stored.Layout, Self);
            MaybeSnapshot();
        });
    }

    private void Import(ImportLayouts m)
    {
        // The last of two layouts with one type and name wins, as a later save would.
        var incoming = new Dictionary<(string, string), PlatformLayout>();
        foreach (var layout in m.Layouts)
        {
            incoming[Key(layout)] = layout;
        }

        var added = incoming.Keys.Count(k => m.Replace || !_layouts.ContainsKey(k));
        var problem = m.Layouts.Select(CheckSize).FirstOrDefault(p => p is not null)
            ?? (m.Replace ? (added > _maxCount ? CountProblem(added) : null) : CheckCount(added));
        if (Refuse(problem))
        {
            return;
        }

        var before = new Dictionary<(string Type, string Name), PlatformLayout>(_layouts);
        var sender = Sender;
        Persist(new LayoutsImported([.. incoming.Values], m.Replace), imported =>
        {
            Apply(imported);
            foreach (var (key, old) in before)
            {
                if (!_layouts.ContainsKey(key))
                {
                    Publish(new LayoutRemoved(old) { Token = m.Token });
                }
            }

            foreach (var layout in imported.Layouts)
            {
                Publish(before.ContainsKey(Key(layout)) ? new LayoutChanged(layout) { Token = m.Token } : new LayoutAdded(layout) { Token = m.Token });
            }

            sender.Tell(imported.Layouts, Self);
            MaybeSnapshot();
        });
    }

    private void SetDefault(SetDefaultLayout m)
    {
        PlatformLayout? layout = null;
        if (m.Name is { } name && !_layouts.TryGetValue((LayoutTypes.Global, name), out layout))
        {
            RefuseUnknown(LayoutTypes.Global, name);
            return;
        }

        var sender = Sender;
        Persist(new DefaultLayoutStored(m.Name), stored =>
        {
            _default = stored.Name;
            Publish(new DefaultLayoutChanged(stored.Name) { Token = m.Token });
            sender.Tell(new LayoutLookup(layout), Self);
            MaybeSnapshot();
        });
    }

    private void Apply(LayoutDeleted deleted)
    {
        _layouts.Remove((deleted.Type, deleted.Name));
        if (deleted.Type == LayoutTypes.Global && _default == deleted.Name)
        {
            _default = null;
        }

        if (_current == (deleted.Type, deleted.Name))
        {
            _current = null;
        }
    }

    private void Apply(LayoutNameChanged renamed)
    {
        if (_layouts.Remove((renamed.Type, renamed.OldName), out var layout))
        {
            _layouts[(renamed.Type, renamed.NewName)] = layout with { Name = renamed.NewName, SavedAt = renamed.At };
            if (renamed.Type == LayoutTypes.Global && _default == renamed.OldName)
            {
                _default = renamed.NewName;
            }

            if (_current == (renamed.Type, renamed.OldName))
            {
                _current = (renamed.Type, renamed.NewName);
            }
        }
    }

    private void Apply(LayoutsImported imported)
    {
        if (imported.Replace)
        {
            _layouts.Clear();
        }

        foreach (var layout in imported.Layouts)
        {
            _layouts[Key(layout)] = layout;
        }

        if (_default is { } name && !_layouts.ContainsKey((LayoutTypes.Global, name)))
        {
            _default = null;
        }

        if (_current is { } current && !_layouts.ContainsKey(current))
        {
            _current = null;
        }
    }

    private string? CheckSize(PlatformLayout layout)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(layout, s_size).LongLength;
        return bytes > _maxBytes
            ? $"Layout {layout.Type} '{layout.Name}' would take {bytes} bytes; the limit is {_maxBytes} bytes (ioactors.layouts.maxBytes). Nothing was changed."
            : null;
    }

    private string? CheckCount(int added) => _layouts.Count + added > _maxCount ? CountProblem(_layouts.Count + added) : null;

    private string CountProblem(int count) =>
        $"{count} layouts would be stored; the limit is {_maxCount} (ioactors.layouts.maxCount). Remove some first. Nothing was changed.";

    private void RefuseUnknown(string type, string name) => Sender.Tell(new Status.Failure(Unknown(type, name)), Self);

    internal static LayoutException Unknown(string type, string name) => new($"No {type} layout named '{name}' is saved.", unknownLayout: true);

    private bool Refuse(string? problem)
    {
        if (problem is null)
        {
            return false;
        }

        Sender.Tell(new Status.Failure(new LayoutException(problem)), Self);
        return true;
    }

    // Events are published before the answer: a subscriber (the io.Manager mirror) has a change before the caller goes on.
    private void Publish(LayoutEvent e) => Context.System.EventStream.Publish(e);

    private void MaybeSnapshot() => SnapshotWhenDue(SnapshotEvery, () => new LayoutsSnapshot([.. _layouts.Values], _default));

    private static (string Type, string Name) Key(PlatformLayout layout) => (layout.Type, layout.Name);
}
