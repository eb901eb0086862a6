using System.Text;

namespace IoActors.Kernel;

/// <summary>
/// The location of an actor in its system's hierarchy. <see cref="ToString"/> gives the local form
/// (<c>/user/platform/registry</c>), <see cref="ToStringWithAddress"/> the form with the system
/// (<c>ioactors://sys/user/platform/registry</c>).
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    // The root carries the system name; every other path shares it through its ancestors.
    private readonly string _systemName;

    private ActorPath(ActorPath? parent, string name, string systemName)
    {
        Parent = parent;
        Name = name;
        _systemName = systemName;
    }

    /// <summary>The last element of the path; the empty string for the root.</summary>
    public string Name { get; }

    /// <summary>The parent path, or <see langword="null"/> for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The elements below the root, outermost first (for example <c>user</c>, <c>platform</c>).</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var list = new List<string>();
            for (var p = this; p.Parent is not null; p = p.Parent)
            {
                list.Add(p.Name);
            }

            list.Reverse();
            return list;
        }
    }

    /// <summary>The name of the actor system the path belongs to.</summary>
    public string SystemName => _systemName;

    /// <summary>Creates the root path of a system.</summary>
    /// <param name="systemName">The system name.</param>
    /// <returns>The root path (<c>/</c>).</returns>
    public static ActorPath Root(string systemName) => new(null, string.Empty, systemName);

    /// <summary>Creates a child path.</summary>
    /// <param name="parent">The parent path.</param>
    /// <param name="name">The child's name.</param>
    /// <returns>The child path.</returns>
    public static ActorPath operator /(ActorPath parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(name);
        return new ActorPath(parent, name, parent._systemName);
    }

    /// <summary>Creates a child path.</summary>
    /// <param name="name">The child's name.</param>
    /// <returns>The child path.</returns>
    public ActorPath Child(string name) => this / name;

    /// <summary>The path with its address, for example <c>ioactors://sys/user/a</c>.</summary>
    /// <returns>The full path.</returns>
    public string ToStringWithAddress() => "ioactors://" + _systemName + ToString();

    /// <summary>The local path, for example <c>/user/platform/registry</c>.</summary>
    /// <returns>The local path.</returns>
    public override string ToString()
    {
        if (Parent is null)
        {
            return "/";
        }

        if (Parent.Parent is null)
        {
            return "/" + Name;
        }

        var sb = new StringBuilder();
        Append(sb, this);
        return sb.ToString();

        static void Append(StringBuilder sb, ActorPath p)
        {
            if (p.Parent is null)
            {
                return;
            }

            Append(sb, p.Parent);
            sb.Append('/').Append(p.Name);
        }
    }

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._systemName != _systemName)
        {
            return false;
        }

        ActorPath? a = this, b = other;
        while (a is not null && b is not null)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a.Name != b.Name)
            {
                return false;
            }

            a = a.Parent;
            b = b.Parent;
        }

        return a is null && b is null;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var p = this; p is not null; p = p.Parent)
        {
            hash.Add(p.Name);
        }

        hash.Add(_systemName);
        return hash.ToHashCode();
    }
}
