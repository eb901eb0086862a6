namespace IoActors.Platform.Hosting;

/// <summary>The journaled copy of a REST store's persistent cache file: its file name (store id and URL hash) and content.</summary>
internal sealed record RemoteStoreCachePersisted(string FileName, string Content);
