using PnnKit.Bench.Repro;
using PnnKit.Core.Costs;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro memristor-cnn: the five-layer memristor CNN of Yao et al. 2020 on RRAM arrays, with hybrid training.</summary>
internal static class ReproMemristorCnn
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick"), json = args.Flag("json");
        var defaults = quick ? MemristorCnnOptions.Quick : new MemristorCnnOptions();
        var options = defaults with
        {
            Dataset = args.Value("dataset") ?? defaults.Dataset,
            HybridEpochs = args.Int("epochs", defaults.HybridEpochs, 0, 1000),
            Seed = seed,
        };
        var r = MemristorCnn.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var t = new Table().Title($"Memristor CNN (Yao et al., Nature 577, 641 (2020)) on {r.Dataset}: C1 8×3×3 → pool 2 → C3 12×3×3×8 → pool 3 → FC 192→10 on 128 × 16 1T1R RRAM arrays (8-level cells in pairs, 15 weight levels)")
            .AddColumn("C1 copies").AddColumn("software").AddColumn("after transfer").AddColumn("after hybrid training (FC in situ)");
        foreach (var h in r.Hardware)
        {
            t.AddRow($"{h.C1Replicas}", $"{r.SoftwareAccuracy:P2}", $"{h.TransferredAccuracy:P2}", $"{h.HybridAccuracy:P2}");
        }
        t.AddRow("Yao 2020", "97.99 %", "≈ 95 %", "96.19 %");
        AnsiConsole.Write(t);
        var hw = new Table().Title("Hardware per configuration (energy and latency per test image)")
            .AddColumn("C1 copies").AddColumn("arrays").AddColumn("cells").AddColumn("transfer pulses (failed cells)").AddColumn("hybrid rewrites (pulses)")
            .AddColumn("energy core").AddColumn("energy system").AddColumn("latency");
        foreach (var h in r.Hardware)
        {
            hw.AddRow($"{h.C1Replicas}", $"{h.Arrays}", $"{h.Cells:N0}", $"{h.ProgramPulses:N0} ({h.FailedCells})", $"{h.HybridCellsRewritten:N0} ({h.HybridPulses:N0})",
                Output.Joules(h.CoreEnergyPerImageJoules), Output.Joules(h.SystemEnergyPerImageJoules), new Duration(h.LatencyPerImageSeconds).ToString());
        }
        hw.AddRow("Yao 2020", "8", "16,384 on the arrays", "", "", "", "", "");
        AnsiConsole.Write(hw);
        var first = r.Hardware[0];
        AnsiConsole.MarkupLine($"Data: {r.Splits}; hybrid training on {r.HybridSamples:N0} training samples. Choices on validation: ADC full scale {string.Join(", ", r.Hardware.Select(h => $"{h.AdcFullScaleFraction:G3} (C1 ×{h.C1Replicas})"))} of the largest column current; hybrid learning rate and epochs kept {string.Join(", ", r.Hardware.Select(h => $"{h.HybridLearningRate:G3} / {h.HybridEpochs}"))}.");
        AnsiConsole.MarkupLine($"Write-verify energy (SET/RESET pulses and verify reads, amortised over {r.Deployment.InferencesPerSecond:N0} images/s for {r.Deployment.Lifetime.Seconds / 86_400:N0} days; line charging and pulse generators excluded): {Markup.Escape(string.Join("; ", r.Hardware.Select(h => $"C1 ×{h.C1Replicas}: " + string.Join(", ", h.Programming.Select(a => $"{a.Name} {Output.Joules(a.PerEvent.Joules)} → {a.PerInference(r.Deployment).Joules:G3} J/image")))))}.");
        AnsiConsole.MarkupLine($"System energy counts the arrays, every DAC, TIA and ADC conversion, digital partial sums, ReLU and pooling, and the amortised write-verify; core is the arrays alone. The software network's fp32 MACs, ReLU and pooling: {Output.Joules(r.DigitalEnergyPerImageJoules)} per image (Horowitz 2014).");
        AnsiConsole.MarkupLine($"Terms (C1 ×{first.C1Replicas}, per image): {Markup.Escape(string.Join(", ", first.CostTerms.GroupBy(e => e.Component.EndsWith("(digital)", StringComparison.Ordinal) ? "ReLU and pooling" : e.Component.Split(' ').Last()).Select(g => $"{g.Key} {Output.Joules(g.Sum(e => e.EnergyJoules) / r.Splits.Test)}")))}.");
        return 0;
    }
}
