namespace IoActors.Platform.Instances;

/// <summary>
/// A running instance whose title can change by itself (a window whose title follows <c>document.title</c>, or set
/// through <c>io.windows</c>): the instance actor registers a handler that turns each change into a title update.
/// </summary>
internal interface ITitleReporting
{
    /// <summary>Registers the handler called with each new title (on the window host's threads).</summary>
    void OnTitleChanged(Action<string> handler);
}
