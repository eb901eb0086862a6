using Akka.Actor;
using Akka.Event;

namespace IoActors.Platform;

/// <summary>
/// An actor a host runs inside the platform, as a child of <c>/user/platform</c> (at <c>/user/platform/{Name}</c>).
/// The platform creates it before the stores and the boot, and starts the boot only once it has started (its
/// <c>PreStart</c> ran), so it runs before any instance starts; a child whose start fails fails the platform's start.
/// It is supervised by the platform (restarted when it fails later) and stopped with it. The gateway of the <c>ioactors</c> host runs this
/// way at <c>/user/platform/gateway</c>.
/// </summary>
/// <param name="Name">The actor name: ASCII letters, digits, '-' and '_', not one of the platform's own children.</param>
/// <param name="Props">How to create it.</param>
public sealed record PlatformChild(string Name, Props Props)
{
    /// <summary>The names of the platform's own children, which a host's child cannot take.</summary>
    internal static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "history", "remote-store-journal", "instance-processes", "registry", "stores", "instances", "in-memory-journal", "boot",
        "intents", "channels", "prefs", "notifications", "layouts",
    };

    /// <summary>Checks the children's names; the message names each bad one.</summary>
    /// <exception cref="ArgumentException">A name is empty, malformed, reserved or used twice.</exception>
    internal static void Validate(IReadOnlyList<PlatformChild> children)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            if (child is null || child.Props is null)
            {
                problems.Add($"Children[{i}]: a child and its Props are required");
                continue;
            }

            if (string.IsNullOrEmpty(child.Name) || !child.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                problems.Add($"Children[{i}].Name: \"{child.Name}\" must be non-empty and use only ASCII letters, digits, '-' and '_'");
            }
            else if (Reserved.Contains(child.Name))
            {
                problems.Add($"Children[{i}].Name: \"{child.Name}\" is one of the platform's own children");
            }
            else if (!seen.Add(child.Name))
            {
                problems.Add($"Children[{i}].Name: \"{child.Name}\" is used twice");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid platform children: " + string.Join("; ", problems), nameof(children));
        }
    }
}
