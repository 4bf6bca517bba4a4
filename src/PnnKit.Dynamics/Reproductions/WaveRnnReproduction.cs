using System.Globalization;
using PnnKit.Core.Reproductions;

namespace PnnKit.Dynamics.Reproductions;

/// <summary>A run of the reproduction with one device effect switched off, for the WITH / WITHOUT rows.</summary>
/// <param name="Label">What is switched off, as the table names it.</param>
/// <param name="Result">What that run measured, on the same speakers and folds.</param>
public sealed record WaveRnnVariant(string Label, WaveRnnVowelsResult Result);

/// <summary>The vowel reproduction's outcome, as <c>pnn repro wave-rnn</c> prints it.</summary>
/// <param name="Result">What <see cref="WaveRnnVowels.Run"/> measured with every device effect on.</param>
/// <param name="Variants">The same run with one effect off per row (empty for --baseline-only).</param>
public sealed record WaveRnnReproResult(WaveRnnVowelsResult Result, IReadOnlyList<WaveRnnVariant>? Variants = null) : IReproResult
{
    /// <summary>The rows with one effect off.</summary>
    public IReadOnlyList<WaveRnnVariant> Without => Variants ?? [];

    /// <inheritdoc/>
    public object Json()
    {
        var r = Result;
        var (wave, waveStd) = r.WaveTest;
        var (rnn, rnnStd) = r.RnnTest;
        return new
        {
            r.Utterances,
            r.Grid,
            r.Steps,
            r.DesignCells,
            r.RnnHidden,
            r.RnnParameters,
            WaveTestMean = wave,
            WaveTestStd = waveStd,
            RnnTestMean = rnn,
            RnnTestStd = rnnStd,
            WaveMinusRnn = r.Gap.Difference,
            WaveMinusRnnStdError = r.Gap.StdError,
            r.SourceProbeEnergyJoules,
            Folds = r.Folds,
            Variants = Without.Select(v => new
            {
                v.Label,
                WaveTestMean = v.Result.WaveTest.Mean,
                WaveTestStd = v.Result.WaveTest.Std,
                RnnTestMean = v.Result.RnnTest.Mean,
                RnnTestStd = v.Result.RnnTest.Std,
            }),
        };
    }

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var (wave, waveStd) = r.WaveTest;
        var (rnn, rnnStd) = r.RnnTest;
        var report = new ReproReport();
        var t = report.Table($"Vowels /ae/ /ei/ /iy/ (synthetic, Hillenbrand 1995 formants), {r.Utterances} utterances of {r.Steps} samples, {r.Folds.Count}-fold cross-validation; {r.Effects}")
            .AddColumn("fold").AddColumn($"wave RNN {r.Grid}×{r.Grid} ({r.DesignCells} trainable cells) train / test").AddColumn($"vanilla RNN H = {r.RnnHidden} ({r.RnnParameters} parameters) train / test");
        foreach (var f in r.Folds)
        {
            t.AddRow($"{f.Fold + 1}", $"{Pct(f.WaveTrain)} / {Pct(f.WaveTest)}", $"{Pct(f.RnnTrain)} / {Pct(f.RnnTest)}");
        }
        t.AddRow("mean ± std (test)", double.IsNaN(wave) ? "not run (--baseline-only)" : $"{wave:P1} ± {waveStd:P1}", double.IsNaN(rnn) ? "not run" : $"{rnn:P1} ± {rnnStd:P1}");
        if (!double.IsNaN(r.Gap.Difference))
        {
            var (d, se) = r.Gap;
            string verdict = Math.Abs(d) <= 2 * se ? "no difference resolved (within two standard errors)" : d < 0 ? "the digital RNN is ahead" : "the wave RNN is ahead";
            report.Line($"Equal parameter count: the wave RNN trains {r.DesignCells} cells, the digital RNN {r.RnnParameters} numbers (H = {r.RnnHidden}, the largest that fits). Held-out accuracy wave − digital: {d * 100:+0.0;−0.0;0.0} ± {se * 100:0.0} points (standard error over folds): {verdict}.");
        }
        if (Without.Count > 0)
        {
            var e = report.Table("Device effects: every effect on, then one switched off per row (held-out accuracy, mean ± std over the folds)")
                .AddColumn("wave RNN").AddColumn("wave RNN test").AddColumn("vanilla RNN test");
            e.AddRow($"all effects on: {r.Effects}", MeanStd(r.WaveTest), MeanStd(r.RnnTest));
            foreach (var v in Without)
            {
                e.AddRow(v.Label, MeanStd(v.Result.WaveTest), MeanStd(v.Result.RnnTest));
            }
        }
        return report.Line($"Source DAC + probe ADC energy per utterance: {Units.Joules(r.SourceProbeEnergyJoules)} (transducers' acoustic power not modelled).");
    }

    private static string MeanStd((double Mean, double Std) v) => double.IsNaN(v.Mean) ? "—" : $"{v.Mean:P1} ± {v.Std:P1}";

    private static string Pct(double v) => double.IsNaN(v) ? "—" : v.ToString("P1", CultureInfo.CurrentCulture);
}

/// <summary><c>pnn repro wave-rnn</c>: <see cref="WaveRnnVowels"/> from the command line.</summary>
public sealed class WaveRnnReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "wave-rnn";

    /// <inheritdoc/>
    public string Summary => "wave RNN on synthetic vowels, 5-fold CV vs a vanilla RNN of similar size";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Hughes et al.", 2019, "Science Advances")];

    /// <inheritdoc/>
    public string? Quick => "a 32×32 grid, 36 utterances of 240 samples, 3 folds, 8 epochs";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
    [
        ReproOption.Quick,
        ReproOption.Epochs,
        ReproOption.Seed,
        new("baseline-only", "the digital RNN alone (the wave RNN is not trained)", IsFlag: true),
        new("boundary", "how the grid ends: pml (default, perfectly matched layer) or damping (wavetorch's damping layer)"),
    ];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var defaults = args.Flag("quick") ? WaveRnnVowelsOptions.Quick : new WaveRnnVowelsOptions();
        string boundary = args.Value("boundary") ?? "pml";
        if (boundary is not ("pml" or "damping"))
        {
            throw new ArgumentException($"pnn repro wave-rnn: --boundary takes pml or damping, got '{boundary}'.");
        }
        var options = defaults with
        {
            Boundary = boundary == "pml" ? WaveBoundary.Pml : WaveBoundary.Damping,
            Epochs = args.Int("epochs", defaults.Epochs, 1, 10_000),
            Seed = (ulong)args.Int("seed", (int)defaults.Seed, 0, int.MaxValue),
            BaselineOnly = args.Flag("baseline-only"),
        };
        var result = WaveRnnVowels.Run(options, context.Log);
        if (options.BaselineOnly)
        {
            return new WaveRnnReproResult(result);
        }
        var variants = WaveRnnVowels.WithoutEffects(options).Select(v => new WaveRnnVariant(v.Label, WaveRnnVowels.Run(v.Options, context.Log))).ToList();
        return new WaveRnnReproResult(result, variants);
    }
}
