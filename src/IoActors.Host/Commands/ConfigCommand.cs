using System.CommandLine;

namespace IoActors.Host.Commands;

/// <summary><c>ioactors config</c>: Print the resolved configuration.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Print the resolved configuration.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("ioactors config: not available in this build.");
            return 2;
        });
        return command;
    }
}
