using PnnKit.Bench.Repro;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro dfa: direct feedback alignment vs backprop, digital MLP, PCM crossbar MLP and a photonic mesh network (in silico and in situ).</summary>
internal static class ReproDfa
{
    public static int Run(CliArgs args, ulong seed)
    {
        bool quick = args.Flag("quick");
        var d = new FeedbackAlignmentOptions();
        var options = d with
        {
            Hidden = quick ? [128] : d.Hidden,
            TrainCount = quick ? 6000 : d.TrainCount,
            Epochs = args.Int("epochs", quick ? 3 : d.Epochs, 1, 10_000),
            Instances = args.Int("instances", quick ? 2 : d.Instances, 1, 10_000),
            Seed = seed,
        };
        bool json = args.Flag("json");
        var r = FeedbackAlignmentMnist.Run(options, json ? null : Console.Error.WriteLine);
        var light = FeedbackAlignmentPhotonic.Run(seed, epochs: quick ? 60 : 100, samples: quick ? 1000 : 2000, log: json ? null : Console.Error.WriteLine);
        if (json)
        {
            Output.Json(new { Mnist = r, Photonic = light });
            return 0;
        }
        var t = new Table().Title($"Direct feedback alignment (Nøkland 2016): MLP 784-{string.Join("-", r.Hidden)}-10 on the MNIST subset ({r.Splits}, no choice made so no validation part; {r.Epochs} epochs)")
            .AddColumn("substrate").AddColumn("backprop").AddColumn("DFA").AddColumn("DFA − backprop");
        t.AddRow("digital (float32)", $"{r.DigitalBackprop:P2}", $"{r.DigitalDfa:P2}", $"{(r.DigitalDfa - r.DigitalBackprop) * 100:+0.00;-0.00} points");
        t.AddRow($"PCM crossbars (trained through noisy reads; mean of {r.Instances} fabricated instances)", $"{r.CrossbarBackprop:P2}", $"{r.CrossbarDfa:P2}", $"{(r.CrossbarDfa - r.CrossbarBackprop) * 100:+0.00;-0.00} points");
        AnsiConsole.Write(t);
        var p = new Table().Title($"The same on light: three 4-port Clements meshes with photodetection between them, {light.Task}, {light.Splits} points (InSituPhotonic's network, chip, gain and steps; nothing chosen here)")
            .AddColumn("training").AddColumn("test accuracy");
        p.AddRow("backprop, in silico (analytic adjoint)", $"{light.Backprop:P2}");
        p.AddRow("DFA, in silico", $"{light.Dfa:P2}");
        p.AddRow("DFA design deployed on the fabricated chip", $"{light.ChipBeforeTraining:P2}");
        p.AddRow($"DFA in situ on the chip (phase gradients from intensities; {light.Readings:N0} readings)", $"{light.ChipDfaInSitu:P2}");
        AnsiConsole.Write(p);
        ReproInSituPhotonic.WriteReadings(light.InSituReadings);
        ReproInSituPhotonic.WriteNoiseTable([("DFA in situ on the chip", light.DetectorNoiseSweep)]);
        return 0;
    }
}
