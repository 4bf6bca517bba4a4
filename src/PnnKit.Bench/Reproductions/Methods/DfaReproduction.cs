using PnnKit.Core.Reproductions;

namespace PnnKit.Bench.Reproductions;

/// <summary>The feedback-alignment runs' outcome, as <c>pnn repro dfa</c> prints it.</summary>
/// <param name="Mnist">The MNIST MLP, digital and on PCM crossbars (<see cref="FeedbackAlignmentMnist"/>).</param>
/// <param name="Photonic">The photonic mesh network, in silico and in situ (<see cref="FeedbackAlignmentPhotonic"/>).</param>
public sealed record DfaReproResult(FeedbackAlignmentResult Mnist, FeedbackAlignmentPhotonicResult Photonic) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => new { Mnist, Photonic };

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var (r, light) = (Mnist, Photonic);
        var report = new ReproReport();
        var t = report.Table($"Direct feedback alignment (Nøkland 2016): MLP 784-{string.Join("-", r.Hidden)}-10 on the MNIST subset ({r.Splits}, no choice made so no validation part; {r.Epochs} epochs)")
            .AddColumn("substrate").AddColumn("backprop").AddColumn("DFA").AddColumn("DFA − backprop");
        t.AddRow("digital (float32)", $"{r.DigitalBackprop:P2}", $"{r.DigitalDfa:P2}", $"{(r.DigitalDfa - r.DigitalBackprop) * 100:+0.00;-0.00} points");
        t.AddRow($"PCM crossbars (trained through noisy reads; mean of {r.Instances} fabricated instances)", $"{r.CrossbarBackprop:P2}", $"{r.CrossbarDfa:P2}", $"{(r.CrossbarDfa - r.CrossbarBackprop) * 100:+0.00;-0.00} points");
        var p = report.Table($"The same on light: three 4-port Clements meshes with photodetection between them, {light.Task}, {light.Splits} points (InSituPhotonic's network, chip, gain and steps; nothing chosen here)")
            .AddColumn("training").AddColumn("test accuracy");
        p.AddRow("backprop, in silico (analytic adjoint)", $"{light.Backprop:P2}");
        p.AddRow("DFA, in silico", $"{light.Dfa:P2}");
        p.AddRow("DFA design deployed on the fabricated chip", $"{light.ChipBeforeTraining:P2}");
        p.AddRow($"DFA in situ on the chip (phase gradients from intensities; {light.Readings:N0} readings)", $"{light.ChipDfaInSitu:P2}");
        return report.Readings(light.InSituReadings)
            .NoiseTable([("DFA in situ on the chip", light.DetectorNoiseSweep)]);
    }
}

/// <summary>
/// <c>pnn repro dfa</c>: direct feedback alignment vs backprop, digital MLP, PCM crossbar MLP (<see cref="FeedbackAlignmentMnist"/>)
/// and a photonic mesh network in silico and in situ (<see cref="FeedbackAlignmentPhotonic"/>).
/// </summary>
public sealed class DfaReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "dfa";

    /// <inheritdoc/>
    public string Summary => "direct feedback alignment vs backprop: MNIST MLP digital and on PCM crossbars, a photonic mesh network in silico and in situ";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Nøkland", 2016, "NeurIPS")];

    /// <inheritdoc/>
    public string? Quick => "MLP 784-128-10 on 6,000 digits, 3 epochs, 2 crossbar instances; on light 60 epochs on 1,000 points";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, ReproOption.Epochs, ReproOption.Instances, ReproOption.Seed];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
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
        var r = FeedbackAlignmentMnist.Run(options, context.Log);
        var light = FeedbackAlignmentPhotonic.Run(seed, epochs: quick ? 60 : 100, samples: quick ? 1000 : 2000, log: context.Log);
        return new DfaReproResult(r, light);
    }
}
