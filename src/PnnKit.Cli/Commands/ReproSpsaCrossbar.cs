using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro spsa-crossbar: SPSA training of a fabricated PCM crossbar through its black-box interface, against backprop.</summary>
internal static class ReproSpsaCrossbar
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick");
        var d = new SpsaCrossbarOptions();
        var options = d with
        {
            TrainCount = quick ? 2000 : d.TrainCount,
            TestCount = quick ? 500 : d.TestCount,
            Steps = args.Int("epochs", quick ? 1500 : d.Steps, 1, 10_000_000),
            ReferenceEpochs = quick ? 5 : d.ReferenceEpochs,
            Seed = seed,
        };
        bool json = args.Flag("json");
        var r = SpsaCrossbar.Run(options, json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(r);
            return 0;
        }
        var v = options.Variation;
        var t = new Table().Title($"SPSA on a fabricated PCM crossbar ({r.Outputs} × {r.Inputs} weights: 7×7 digits + bias row; {v.StuckOnRate:P0} stuck-ON, {v.StuckOffRate:P0} stuck-OFF, {v.ConductanceSpread:P0} spread), MNIST subset ({r.Splits}; no choice is made in the run, so no validation part)")
            .AddColumn("training").AddColumn("test accuracy").AddColumn("examples read per step");
        t.AddRow("backprop on the ideal crossbar model", $"{r.BackpropOnModel:P2}", "–");
        t.AddRow("backprop, programmed onto the chip", $"{r.BackpropOnChip:P2}", "–");
        t.AddRow($"SPSA on the chip ({r.Steps:N0} steps, from {r.InitialOnChip:P1})", $"{r.SpsaOnChip:P2}", $"{r.QueriesPerStep:N0} (finite differences: {r.FiniteDifferenceQueriesPerStep:N0})");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"SPSA training read {r.TotalQueries:N0} examples and programmed each device {r.ProgrammingsPerDevice:N0} times.");
        return 0;
    }
}
