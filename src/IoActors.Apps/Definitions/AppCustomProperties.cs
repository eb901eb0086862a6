namespace IoActors.Apps.Definitions;

/// <summary>The documented parts of <c>customProperties</c>; any other custom property stays in <see cref="AppDefinition.Json"/>.</summary>
/// <param name="Folder">The launcher folder, subfolders separated by <c>/</c>, or <see langword="null"/>.</param>
/// <param name="IncludeInWorkspaces">Whether the app is offered in the Workspaces "Add App" menu. The default is <see langword="false"/>.</param>
public sealed record AppCustomProperties(string? Folder, bool IncludeInWorkspaces);
