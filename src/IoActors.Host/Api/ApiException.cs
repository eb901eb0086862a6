namespace IoActors.Host.Api;

/// <summary>A caller's mistake, turned into a problem details response with this status.</summary>
internal sealed class ApiException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;
}
