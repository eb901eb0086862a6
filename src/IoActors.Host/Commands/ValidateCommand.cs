using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IoActors.Apps.Definitions;

[assembly: InternalsVisibleTo("IoActors.Host.Tests")]

namespace IoActors.Host.Commands;

/// <summary>
/// <c>ioactors validate PATH…</c>: validates app definition files, or the <c>*.json</c> files of folders (not recursive:
/// a folder is one store), as one store. Prints each problem as <c>file:line:col: error|warning: path: message</c>, then a
/// summary; <c>--json</c> prints one machine-readable document instead. Exit code 1 when any error was found, else 0.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Definition files or folders of *.json files.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of text." };
        var store = new Option<string>("--store")
        {
            Description = "The kind of store the definitions belong to: regular, system or in-memory (boot-stage rules and defaults depend on it).",
            DefaultValueFactory = _ => "regular",
        };
        store.AcceptOnlyFromAmong("regular", "system", "in-memory");
        var command = new Command("validate", "Validate app definition files or folders.") { paths, json, store };
        command.SetAction(parse => Run(
            parse.GetValue(paths) ?? [],
            parse.GetValue(json),
            ParseKind(parse.GetValue(store)),
            parse.InvocationConfiguration.Output));
        return command;
    }

    internal static StoreKind ParseKind(string? kind) => kind switch
    {
        "system" => StoreKind.System,
        "in-memory" => StoreKind.InMemory,
        _ => StoreKind.Regular,
    };

    internal static int Run(IReadOnlyList<string> paths, bool json, StoreKind kind, TextWriter output)
    {
        var files = new List<string>();
        var inputProblems = new List<DefinitionProblem>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly);
                Array.Sort(found, StringComparer.Ordinal);
                if (found.Length == 0)
                {
                    inputProblems.Add(new DefinitionProblem(path, 0, 0, string.Empty, null, "no *.json files in this folder", ProblemSeverity.Warning, null, null));
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                inputProblems.Add(new DefinitionProblem(path, 0, 0, string.Empty, null, "no such file or folder", ProblemSeverity.Error, null, null));
            }
        }

        var result = AppDefinitionReader.ReadFiles(files, kind);
        var problems = inputProblems.Concat(result.Problems).ToList();
        var errors = problems.Count(p => p.IsError);
        var warnings = problems.Count - errors;
        if (json)
        {
            WriteJson(output, files.Count, result, problems, errors, warnings);
        }
        else
        {
            foreach (var problem in problems)
            {
                output.WriteLine(problem.ToString());
            }

            output.WriteLine(
                $"{Plural(files.Count, "file")}, {Plural(result.RecordCount, "definition")}: {result.Definitions.Count} valid, {Plural(errors, "error")}, {Plural(warnings, "warning")}.");
        }

        return errors > 0 ? 1 : 0;
    }

    private static void WriteJson(TextWriter output, int fileCount, AppDefinitionReadResult result, List<DefinitionProblem> problems, int errors, int warnings)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("files", fileCount);
            writer.WriteNumber("definitions", result.RecordCount);
            writer.WriteNumber("valid", result.Definitions.Count);
            writer.WriteNumber("errors", errors);
            writer.WriteNumber("warnings", warnings);
            writer.WriteStartArray("apps");
            foreach (var definition in result.Definitions)
            {
                writer.WriteStartObject();
                writer.WriteString("name", definition.Name);
                writer.WriteString("type", definition.TypeName);
                writer.WriteString("file", definition.Source);
                writer.WriteString("contentHash", definition.ContentHash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("problems");
            foreach (var p in problems)
            {
                writer.WriteStartObject();
                writer.WriteString("file", p.Source);
                writer.WriteNumber("line", p.Line);
                writer.WriteNumber("column", p.Column);
                writer.WriteString("severity", p.IsError ? "error" : "warning");
                writer.WriteString("path", p.Path);
                writer.WriteString("message", p.Message);
                writer.WriteString("value", p.Value);
                writer.WriteString("app", p.AppName);
                if (p.Index is { } index)
                {
                    writer.WriteNumber("index", index);
                }
                else
                {
                    writer.WriteNull("index");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
