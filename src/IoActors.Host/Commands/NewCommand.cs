using System.CommandLine;

namespace IoActors.Host.Commands;

/// <summary><c>ioactors new</c>: Print a template app definition.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var command = new Command("new", "Print a template app definition.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("ioactors new: not available in this build.");
            return 2;
        });
        return command;
    }
}
