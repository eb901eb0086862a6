using System.CommandLine;
using IoActors.Apps.Definitions;

namespace IoActors.Host.Commands;

/// <summary><c>ioactors new window|exe|node|service NAME</c>: prints a template app definition that passes validation.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var kind = new Argument<string>("kind") { Description = "The template: window, exe, node or service (a hidden, auto-started service window)." };
        kind.AcceptOnlyFromAmong([.. AppDefinitionTemplates.Kinds]);
        var name = new Argument<string>("name") { Description = "The app name." };
        var command = new Command("new", "Print a template app definition.") { kind, name };
        command.SetAction(parse => Run(parse.GetValue(kind)!, parse.GetValue(name)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string kind, string name, TextWriter output, TextWriter error)
    {
        try
        {
            output.WriteLine(AppDefinitionTemplates.Create(kind, name));
            return 0;
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"ioactors new: {ex.Message}");
            return 2;
        }
    }
}
