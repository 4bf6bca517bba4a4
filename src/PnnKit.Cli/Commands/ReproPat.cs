using System.Globalization;
using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn repro pat [--twin nominal|calibrated] [--sam RHO] [--instances K]: the model-to-reality gap,
/// in-silico vs physics-aware training on coupled pendula, the twins' held-out error, and optionally
/// SAM with physics-aware gradients on K perturbed copies of the instance.
/// </summary>
internal static class ReproPat
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick");
        var d = new PhysicsAwareGapOptions();
        string twin = args.Value("twin") ?? d.Twin;
        if (twin is not ("nominal" or "calibrated"))
        {
            throw new UsageException($"pnn repro pat: --twin takes nominal or calibrated, got '{twin}'.");
        }
        string samText = args.Value("sam") ?? "0";
        if (!double.TryParse(samText, NumberStyles.Float, CultureInfo.InvariantCulture, out double rho) || !(rho >= 0 && rho <= 10))
        {
            throw new UsageException($"pnn repro pat: --sam takes a SAM radius ρ in [0, 10] (0: no SAM run), got '{samText}'.");
        }
        var options = d with
        {
            TrainCount = quick ? 1500 : d.TrainCount,
            TestCount = quick ? 500 : d.TestCount,
            Epochs = args.Int("epochs", quick ? 3 : d.Epochs, 1, 10_000),
            Twin = twin,
            TwinSamples = quick ? 300 : d.TwinSamples,
            SamRho = rho,
            PerturbedInstances = args.Int("instances", quick ? 4 : d.PerturbedInstances, 1, 10_000),
            Seed = seed,
        };
        bool json = args.Flag("json");
        var r = PhysicsAwareGap.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var t = new Table().Title($"Physics-aware training (Wright et al. 2022): {r.PhysicalLayers} layers of {r.Pendula} coupled pendula + digital readout, {r.Data} ({r.Splits}; no choice is made in the run, so no validation part)")
            .AddColumn("training").AddColumn("on the nominal model (twin)").AddColumn($"on the real instance (η = {options.NonlinearityError}, σ_J = {options.CouplingError})");
        t.AddRow("in silico, then deployed", $"{r.InSilicoOnTwin:P2}", $"{r.InSilicoOnSystem:P2}");
        t.AddRow($"physics-aware (forward on the instance, backward through the {r.Twin} twin)", $"{r.PhysicsAwareOnTwin:P2}", $"{r.PhysicsAwareOnSystem:P2}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"physical queries (examples measured) in physics-aware training and its test: {r.PhysicalQueries:N0}");

        var tw = new Table().Title($"The twins on held-out measurements of the instance ({options.TwinSamples:N0} random (input, control) pairs per layer, each measured twice; 10 % held out)")
            .AddColumn("layer").AddColumn("nominal model (κ = 1): normalised error").AddColumn("calibrated η").AddColumn("calibrated twin: normalised error").AddColumn("measurements");
        foreach (var w in r.Twins)
        {
            tw.AddRow($"{w.Layer}", $"{w.NominalHeldOutError:F4}", $"{w.CalibratedEta:F3}", $"{w.CalibratedHeldOutError:F4}", $"{w.Measurements:N0}");
        }
        AnsiConsole.Write(tw);
        AnsiConsole.MarkupLine("Normalised error: squared error over the measured outputs' variance, per pendulum, averaged (0: perfect, 1: no better than the mean). The coupling errors ΔJ stay unknown to either twin.");

        if (r.Sam is { } s)
        {
            var st = new Table().Title($"SAM with physics-aware gradients (ρ = {s.Rho}): {options.PerturbedInstances} perturbed copies of the instance (controls off by N(0, ({options.PerturbationStd}/√N)²))")
                .AddColumn("training").AddColumn("on the instance").AddColumn("perturbed copies: mean").AddColumn("worst").AddColumn("physical queries");
            st.AddRow("physics-aware", $"{r.PhysicsAwareOnSystem:P2}", $"{s.PhysicsAwarePerturbed.Mean:P2}", $"{s.PhysicsAwarePerturbed.Worst:P2}", $"{r.PhysicalQueries:N0}");
            st.AddRow("physics-aware + SAM", $"{s.OnSystem:P2}", $"{s.SamPerturbed.Mean:P2}", $"{s.SamPerturbed.Worst:P2}", $"{s.PhysicalQueries:N0}");
            AnsiConsole.Write(st);
        }
        return 0;
    }
}
