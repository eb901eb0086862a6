namespace IoActors.Benchmarks.Running;

/// <summary>
/// The dry run: <c>--job dry</c> (or <c>-j dry</c>, any case) runs every selected benchmark with BenchmarkDotNet's Dry
/// job instead of its own. BenchmarkDotNet itself would add the Dry job next to each class's configured job and run both,
/// so the option is taken off the command line here and <see cref="ShortRunConfig"/> switches the job.
/// </summary>
public static class DryRun
{
    /// <summary>Whether this run is a dry run.</summary>
    public static bool Enabled { get; private set; }

    /// <summary>Takes <c>--job dry</c> off <paramref name="args"/> and turns the dry run on when it was there.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The command line for BenchmarkDotNet, with <c>--filter *</c> added to a dry run that selects nothing.</returns>
    public static string[] Apply(string[] args)
    {
        var rest = new List<string>(args.Length + 2);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--job" or "-j" && i + 1 < args.Length && string.Equals(args[i + 1], "dry", StringComparison.OrdinalIgnoreCase))
            {
                Enabled = true;
                i++;
            }
            else if (string.Equals(args[i], "--job=dry", StringComparison.OrdinalIgnoreCase))
            {
                Enabled = true;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (Enabled && !rest.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal)))
        {
            rest.AddRange(["--filter", "*"]);
        }

        return [.. rest];
    }
}
