using PnnKit.Bench.Repro;
using PnnKit.Bench.Reproductions;
using PnnKit.Core.Physical;
using PnnKit.Core.Reproductions;
using PnnKit.Networks.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro NAME: paper reproductions, reduced with --quick.</summary>
internal static class ReproCommand
{
    /// <summary>
    /// The options each reproduction reads (every one also takes --json); any other is refused before it runs,
    /// and <see cref="CliArgs.CheckAllRead"/> catches an entry here that the reproduction does not read.
    /// </summary>
    private static readonly Dictionary<string, string[]> Legacy = new(StringComparer.Ordinal)
    {
        ["memristor-drift"] = ["quick", "epochs", "instances", "seed"],
        ["memristor-hybrid"] = ["quick", "epochs", "seed"],
        ["memristor-cnn"] = ["quick", "epochs", "seed", "dataset"],
        ["memristor-adc"] = ["quick", "epochs", "seed"],
        ["memristor-pulsed"] = ["quick", "epochs", "seed"],
        ["mechanical-insitu"] = ["epochs", "seed", "seeds"],
        ["coupled-learning"] = ["quick", "epochs", "seed", "seeds", "sweep"],
        ["mechanical-regression"] = ["quick", "epochs", "seed"],
        ["diode-xor"] = ["quick", "epochs", "seed"],
        ["pbit-factor"] = ["seed"],
        ["pbit-boltzmann"] = ["quick", "seed"],
        ["sto-reservoir"] = ["sweep"],
        ["sto-models"] = ["quick"],
        ["pat"] = ["quick", "epochs", "instances", "seed", "twin", "sam"],
        ["sam"] = ["quick", "epochs", "instances", "seed"],
        ["wave-rnn"] = ["quick", "epochs", "seed", "baseline-only"],
        ["dfa"] = ["quick", "epochs", "instances", "seed"],
        ["spsa-crossbar"] = ["quick", "epochs", "seed"],
    };

    /// <summary>The options each reproduction reads, by name, in the table's order.</summary>
    internal static readonly Dictionary<string, string[]> Options = new(
        ReproductionRegistry.All.Select(r => KeyValuePair.Create(r.Name, r.Options.Select(o => o.Name).ToArray())).Concat(Legacy), StringComparer.Ordinal);

    /// <summary>The reproductions, in the table's order.</summary>
    internal static readonly string[] Names = [.. Options.Keys];

    private static readonly string[] LegacyFlags = ["quick", "baseline-only", "sweep"];

    public static int Run(string[] argv)
    {
        var declared = ReproductionRegistry.All.SelectMany(r => r.Options).ToList();
        string[] flags = [.. declared.Where(o => o.IsFlag).Select(o => o.Name).Concat(LegacyFlags).Append("json").Distinct()];
        string[] values = [.. declared.Where(o => !o.IsFlag).Select(o => o.Name).Concat(Legacy.Values.SelectMany(v => v)).Distinct().Except(flags)];
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
        int code = ReproductionRegistry.Find(name) is { } reproduction ? RunOne(reproduction, args) : Dispatch(args, name);
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

    private static int Dispatch(CliArgs args, string name)
    {
        bool json = args.Flag("json");
        switch (name)
        {
            case "pat":
                return ReproPat.Run(args, Seed(args));
            case "sam":
                return ReproSam.Run(args, Seed(args));
            case "dfa":
                return ReproDfa.Run(args, Seed(args));
            case "spsa-crossbar":
                return ReproSpsaCrossbar.Run(args, Seed(args));
            case "memristor-drift":
                return ReproMemristorDrift.Run(args, Seed(args));
            case "memristor-hybrid":
                return ReproMemristorHybrid.Run(args, Seed(args));
            case "memristor-cnn":
                return ReproMemristorCnn.Run(args, Seed(args));
            case "memristor-adc":
                return ReproMemristorAdc.Run(args, Seed(args));
            case "memristor-pulsed":
                return ReproMemristorPulsed.Run(args, Seed(args));
            case "mechanical-insitu":
                return ReproMechanicalInSitu.Run(args);
            case "coupled-learning":
                return ReproCoupledLearning.Run(args);
            case "pbit-factor":
                return ReproPbitFactor.Run(args);
            case "sto-reservoir":
                return ReproStoReservoir.Run(args);
            case "pbit-boltzmann":
                return ReproPbitBoltzmann.Run(args);
            case "sto-models":
                return ReproStoModels.Run(args);
            case "diode-xor":
                return ReproDiodeXor.Run(args);
            case "mechanical-regression":
                return ReproMechanicalRegression.Run(args);
            case "wave-rnn":
                return ReproWaveRnn.Run(args);
            default:
                throw new UsageException($"pnn repro: unknown reproduction '{name}'; available: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>--seed (default 1) for the reproductions whose Run takes it; the others read their own default.</summary>
    private static ulong Seed(CliArgs args) => (ulong)args.Int("seed", 1, 0, int.MaxValue);

    /// <summary>A served chip as the reproductions see it (they run in double precision).</summary>
    private sealed class ServedMeshes(ServedChip<double> chip) : IServedChip
    {
        public IGradientSystem<double> Mesh(int layer) => chip.Mesh(layer);

        public string Summary() => chip.Summary();

        public void Dispose() => chip.Dispose();
    }
}
