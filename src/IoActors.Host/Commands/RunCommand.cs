using System.CommandLine;

namespace IoActors.Host.Commands;

/// <summary><c>ioactors run</c>: boots the platform and serves until Ctrl+C.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "The HOCON configuration file (default: hocon/ioactors.conf)." };
        var command = new Command("run", "Boot the platform and serve until Ctrl+C.") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            Console.WriteLine("IoActors platform started. Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            Console.WriteLine("IoActors platform stopped.");
            return 0;
        });
        return command;
    }
}
