using System.Globalization;
using PnnKit.Core.Reproductions;

namespace PnnKit.Dynamics.Reproductions;

/// <summary>The vowel reproduction's outcome, as <c>pnn repro wave-rnn</c> prints it.</summary>
/// <param name="Result">What <see cref="WaveRnnVowels.Run"/> measured.</param>
public sealed record WaveRnnReproResult(WaveRnnVowelsResult Result) : IReproResult
{
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
            r.SourceProbeEnergyJoules,
            Folds = r.Folds,
        };
    }

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var (wave, waveStd) = r.WaveTest;
        var (rnn, rnnStd) = r.RnnTest;
        var report = new ReproReport();
        var t = report.Table($"Vowels /ae/ /ei/ /iy/ (synthetic, Hillenbrand 1995 formants), {r.Utterances} utterances of {r.Steps} samples, {r.Folds.Count}-fold cross-validation")
            .AddColumn("fold").AddColumn($"wave RNN {r.Grid}×{r.Grid} ({r.DesignCells} trainable cells) train / test").AddColumn($"vanilla RNN H = {r.RnnHidden} ({r.RnnParameters} parameters) train / test");
        foreach (var f in r.Folds)
        {
            t.AddRow($"{f.Fold + 1}", $"{Pct(f.WaveTrain)} / {Pct(f.WaveTest)}", $"{Pct(f.RnnTrain)} / {Pct(f.RnnTest)}");
        }
        t.AddRow("mean ± std (test)", double.IsNaN(wave) ? "not run (--baseline-only)" : $"{wave:P1} ± {waveStd:P1}", double.IsNaN(rnn) ? "not run" : $"{rnn:P1} ± {rnnStd:P1}");
        return report.Line($"Source DAC + probe ADC energy per utterance: {Units.Joules(r.SourceProbeEnergyJoules)} (transducers' acoustic power not modelled).");
    }

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
    ];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var defaults = args.Flag("quick") ? WaveRnnVowelsOptions.Quick : new WaveRnnVowelsOptions();
        var options = defaults with
        {
            Epochs = args.Int("epochs", defaults.Epochs, 1, 10_000),
            Seed = (ulong)args.Int("seed", (int)defaults.Seed, 0, int.MaxValue),
            BaselineOnly = args.Flag("baseline-only"),
        };
        return new WaveRnnReproResult(WaveRnnVowels.Run(options, context.Log));
    }
}
