namespace IoActors.Host.Cli;

/// <summary>A client command failed; the message is printed as is and the exit code is 1.</summary>
internal sealed class CliException(string message) : Exception(message);
