using PnnKit.Bench.Repro;
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
    internal static readonly Dictionary<string, string[]> Options = new(StringComparer.Ordinal)
    {
        ["insitu-photonic"] = ["quick", "epochs", "seed", "sweep", "readings", "device", "token-file"],
        ["mesh-mnist"] = ["quick", "epochs", "seed", "dataset", "sweep"],
        ["mesh-calibration"] = ["quick", "seed"],
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
        ["forward-only"] = ["quick", "epochs", "instances", "seed", "sweep"],
        ["wave-rnn"] = ["quick", "epochs", "seed", "baseline-only"],
        ["d2nn"] = ["quick", "epochs", "seed", "dataset", "checkpoint"],
        ["dfa"] = ["quick", "epochs", "instances", "seed"],
        ["pat-photonic"] = ["quick", "epochs", "seed", "sweep", "device", "token-file"],
        ["spsa-crossbar"] = ["quick", "epochs", "seed"],
        ["photonic-tensor-processor"] = ["quick", "seed", "cifar", "cifar-model"],
    };

    /// <summary>The reproductions, in the table's order.</summary>
    internal static readonly string[] Names = [.. Options.Keys];

    public static int Run(string[] argv)
    {
        var args = new CliArgs(argv, "repro", ["instances", "epochs", "seed", "seeds", "dataset", "checkpoint", "twin", "sam", "device", "token-file", "readings", "cifar", "cifar-model"], ["json", "quick", "baseline-only", "sweep"]);
        string name = args.Positionals.Count == 1 ? args.Positionals[0] : throw new UsageException($"pnn repro: give one of {string.Join(", ", Names)}.");
        if (!Options.TryGetValue(name, out var allowed))
        {
            throw new UsageException($"pnn repro: unknown reproduction '{name}'; available: {string.Join(", ", Names)}.");
        }
        args.AllowOnly($"repro {name}", [.. allowed, "json"]);
        int code = Dispatch(args, name);
        args.CheckAllRead($"repro {name}");
        return code;
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
            case "pat-photonic":
                return ReproPatPhotonic.Run(args, Seed(args));
            case "spsa-crossbar":
                return ReproSpsaCrossbar.Run(args, Seed(args));
            case "insitu-photonic":
                return ReproInSituPhotonic.Run(args, Seed(args));
            case "mesh-mnist":
                return ReproMeshMnist.Run(args, Seed(args));
            case "mesh-calibration":
                return ReproMeshCalibration.Run(args, Seed(args));
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
            case "forward-only":
                return ReproForwardOnly.Run(args, Seed(args), json);
            case "wave-rnn":
                return ReproWaveRnn.Run(args);
            case "d2nn":
                return ReproD2nn.Run(args, Seed(args));
            case "photonic-tensor-processor":
                return ReproPhotonicTensorProcessor.Run(args, Seed(args));
            default:
                throw new UsageException($"pnn repro: unknown reproduction '{name}'; available: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>--seed (default 1) for the reproductions whose Run takes it; the others read their own default.</summary>
    private static ulong Seed(CliArgs args) => (ulong)args.Int("seed", 1, 0, int.MaxValue);
}
