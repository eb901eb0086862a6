namespace IoActors.Manager;

/// <summary>
/// A refused request: the HTTP status, a short title and a detail that names the field and value at fault; served as
/// RFC 7807 problem details (with <see cref="Errors"/>, when given, as the <c>errors</c> member).
/// </summary>
internal sealed class ManagerException(int status, string title, string detail, IReadOnlyList<object>? errors = null) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public IReadOnlyList<object>? Errors { get; } = errors;

    public static ManagerException BadRequest(string detail, IReadOnlyList<object>? errors = null) => new(400, "Bad request", detail, errors);

    public static ManagerException NotFound(string detail) => new(404, "Not found", detail);

    public static ManagerException Conflict(string detail) => new(409, "Conflict", detail);

    public static ManagerException TooLarge(string detail) => new(413, "Too large", detail);

    public static ManagerException Forbidden(string detail) => new(403, "Forbidden", detail);

    public static ManagerException Unauthorized(string detail) => new(401, "Unauthorized", detail);
}

/// <summary>
/// A refusal as an actor answers it: a plain record, so that it crosses Akka.Remote between cluster nodes intact
/// (an exception in <c>Status.Failure</c> would lose its status and title). <c>ManagerContext.AskAsync</c> rethrows it
/// as the <see cref="ManagerException"/>.
/// </summary>
internal sealed record ManagerRefusal(int Status, string Title, string Detail)
{
    public static ManagerRefusal Of(ManagerException e) => new(e.Status, e.Title, e.Message);

    public ManagerException ToException() => new(Status, Title, Detail);
}
