using System.Text;
using IoActors.Apps.Definitions;

namespace IoActors.Apps.Stores;

/// <summary>
/// The persistent cache of a remote store (REST or io.Manager): the last good response body in one file, written
/// atomically (temp file, then rename). The file name is the store id plus a hash of the URL, so a store whose URL
/// changed never serves another service's data.
/// </summary>
internal sealed class StoreCacheFile
{
    public StoreCacheFile(string folder, string storeId, string url, TimeSpan readAfter)
    {
        Path = FileName(folder, storeId, url);
        ReadAfter = readAfter;
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>When no fetch has succeeded this long after the store started, the cache is served.</summary>
    public TimeSpan ReadAfter { get; }

    /// <summary>The cache file of a store: <c>{folder}/{storeId}-{xxhash64(url)}.json</c>.</summary>
    public static string FileName(string folder, string storeId, string url) =>
        System.IO.Path.Combine(folder, $"{storeId}-{XxHash64.Hash(Encoding.UTF8.GetBytes(url)):x16}.json");

    /// <summary>Replaces the cache with <paramref name="body"/>; returns the problem when it cannot be written.</summary>
    public async Task<StoreProblem?> WriteAsync(byte[] body)
    {
        var temp = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await File.WriteAllBytesAsync(temp, body);
            File.Move(temp, Path, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            return new StoreProblem(Path, 0, 0, $"cannot write the persistent cache: {ex.Message}", null);
        }
    }

    /// <summary>
    /// Reads the cache with <paramref name="reader"/> (which checks its size and encoding). A missing, unreadable or unusable
    /// file is a failed outcome whose cause starts with <paramref name="why"/> (why the cache was needed) and names the file.
    /// </summary>
    public async Task<(PayloadResult? Result, LoadOutcome? Failure)> ReadAsync(PayloadReader reader, long maxBytes, string why)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(Path);
            if (!info.Exists)
            {
                return Failed($"{why} and there is no cache file {Path}");
            }

            if (info.Length > maxBytes)
            {
                return Failed($"{why} and the cache {Path} cannot be used: {PayloadReader.TooLarge(Path, info.Length, maxBytes).Message}");
            }

            bytes = await File.ReadAllBytesAsync(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed($"{why} and the cache {Path} cannot be read: {ex.Message}");
        }

        var result = reader.Read(bytes, Path);
        if (result.Fatal is { } fatal)
        {
            return (null, LoadOutcome.Failed($"{why} and the cache {Path} cannot be used: {fatal.Message}", [fatal]) with { FromCache = true });
        }

        return (result, null);
    }

    private (PayloadResult? Result, LoadOutcome? Failure) Failed(string cause) =>
        (null, LoadOutcome.Failed(cause, [new StoreProblem(Path, 0, 0, cause, null)]) with { FromCache = true });

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
