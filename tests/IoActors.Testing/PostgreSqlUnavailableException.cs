namespace IoActors.Testing;

/// <summary>No throwaway PostgreSQL server could be started; the message says why.</summary>
public sealed class PostgreSqlUnavailableException : Exception
{
    public PostgreSqlUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
