using PnnKit.Bench.Reproductions;
using PnnKit.Core.Physical;
using PnnKit.Core.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro NAME: paper reproductions, reduced with --quick.</summary>
internal static class ReproCommand
{
    /// <summary>
    /// The options each reproduction reads (every one also takes --json), by name in the registry's order; any other is
    /// refused before it runs, and <see cref="CliArgs.CheckAllRead"/> catches one declared but never read.
    /// </summary>
    internal static readonly Dictionary<string, string[]> Options = new(
        ReproductionRegistry.All.Select(r => KeyValuePair.Create(r.Name, r.Options.Select(o => o.Name).ToArray())), StringComparer.Ordinal);

    /// <summary>The reproductions, in the registry's order.</summary>
    internal static readonly string[] Names = [.. Options.Keys];

    public static int Run(string[] argv)
    {
        var declared = ReproductionRegistry.All.SelectMany(r => r.Options).ToList();
        string[] flags = [.. declared.Where(o => o.IsFlag).Select(o => o.Name).Append("json").Distinct()];
        string[] values = [.. declared.Where(o => !o.IsFlag).Select(o => o.Name).Distinct()];
        var args = new CliArgs(argv, "repro", values, flags);
        if (args.Positionals.Count == 0)
        {
            return List(args.Flag("json"));
        }
        args.AtMostPositionals(1, "pnn repro [NAME]");
        string name = args.Positionals[0];
        if (!Options.TryGetValue(name, out var allowed))
        {
            throw new UsageException($"pnn repro: unknown reproduction '{name}'; available: {string.Join(", ", Names)}.");
        }
        args.AllowOnly($"repro {name}", [.. allowed, "json"]);
        int code = RunOne(ReproductionRegistry.Find(name)!, args);
        args.CheckAllRead($"repro {name}");
        return code;
    }

    /// <summary>Runs a registered reproduction and prints its report, or its JSON under --json.</summary>
    private static int RunOne(IReproduction reproduction, CliArgs args)
    {
        bool json = args.Flag("json");
        var context = new ReproContext(json ? null : Console.Error.WriteLine) { ConnectChip = () => ServedChip<double>.From(args) is { } chip ? new ServedMeshes(chip) : null };
        var result = reproduction.Run(args, context);
        if (json)
        {
            Output.Json(result.Json());
        }
        else
        {
            Output.Report(result.Report());
        }
        return 0;
    }

    /// <summary>pnn repro with no name: every reproduction, the papers it follows and what --quick reduces.</summary>
    private static int List(bool json)
    {
        var all = ReproductionRegistry.All;
        if (json)
        {
            Output.Json(all.Select(r => new { r.Name, r.Summary, Papers = r.Papers.Select(p => p.ToString()), r.Quick, Options = r.Options.Select(o => o.Name) }));
            return 0;
        }
        Console.WriteLine("pnn repro NAME [--quick] [--json]: the reproductions");
        foreach (var r in all)
        {
            string papers = r.Papers.Count == 0 ? "" : $" ({string.Join("; ", r.Papers)})";
            Console.WriteLine($"  {r.Name}: {r.Summary}{papers}");
            Console.WriteLine($"      --quick: {r.Quick ?? "no reduced run"}; options: {string.Join(", ", r.Options.Select(o => "--" + o.Name))}");
        }
        return 0;
    }

    /// <summary>A served chip as the reproductions see it (they run in double precision).</summary>
    private sealed class ServedMeshes(ServedChip<double> chip) : IServedChip
    {
        public IGradientSystem<double> Mesh(int layer) => chip.Mesh(layer);

        public string Summary() => chip.Summary();

        public void Dispose() => chip.Dispose();
    }
}
