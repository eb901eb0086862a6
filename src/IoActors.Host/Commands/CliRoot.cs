using System.CommandLine;

namespace IoActors.Host.Commands;

/// <summary>Builds the root command; each subcommand lives in its own file.</summary>
internal static class CliRoot
{
    public static RootCommand Create()
    {
        var root = new RootCommand("IoActors: an actor-based platform core for desktop integration.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(NewCommand.Create());
        root.Subcommands.Add(ManagerCommand.Create());
        foreach (var command in Cli.ClientCommands.Create())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }
}
