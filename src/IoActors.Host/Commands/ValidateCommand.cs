using System.CommandLine;

namespace IoActors.Host.Commands;

/// <summary><c>ioactors validate</c>: Validate app definition files or folders.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var command = new Command("validate", "Validate app definition files or folders.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("ioactors validate: not available in this build.");
            return 2;
        });
        return command;
    }
}
