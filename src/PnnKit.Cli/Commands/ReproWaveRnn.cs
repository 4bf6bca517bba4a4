using PnnKit.Dynamics.Reproductions;
using Spectre.Console;

namespace PnnKit.Cli.Commands;

/// <summary>pnn repro wave-rnn: vowel classification by a trained wave medium (Hughes et al. 2019) against a digital RNN.</summary>
internal static class ReproWaveRnn
{
    public static int Run(CliArgs args)
    {
        var defaults = args.Flag("quick") ? WaveRnnVowelsOptions.Quick : new WaveRnnVowelsOptions();
        var options = defaults with
        {
            Epochs = args.Int("epochs", defaults.Epochs, 1, 10_000),
            Seed = (ulong)args.Int("seed", (int)defaults.Seed, 0, int.MaxValue),
            BaselineOnly = args.Flag("baseline-only"),
        };
        bool json = args.Flag("json");
        var r = WaveRnnVowels.Run(options, json ? null : Console.Error.WriteLine);
        var (wave, waveStd) = r.WaveTest;
        var (rnn, rnnStd) = r.RnnTest;
        if (json)
        {
            Output.Json(new
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
            });
            return 0;
        }
        var t = new Table().Title($"Vowels /ae/ /ei/ /iy/ (synthetic, Hillenbrand 1995 formants), {r.Utterances} utterances of {r.Steps} samples, {r.Folds.Count}-fold cross-validation")
            .AddColumn("fold").AddColumn($"wave RNN {r.Grid}×{r.Grid} ({r.DesignCells} trainable cells) train / test").AddColumn($"vanilla RNN H = {r.RnnHidden} ({r.RnnParameters} parameters) train / test");
        foreach (var f in r.Folds)
        {
            t.AddRow($"{f.Fold + 1}", $"{Pct(f.WaveTrain)} / {Pct(f.WaveTest)}", $"{Pct(f.RnnTrain)} / {Pct(f.RnnTest)}");
        }
        t.AddRow("mean ± std (test)", double.IsNaN(wave) ? "not run (--baseline-only)" : $"{wave:P1} ± {waveStd:P1}", double.IsNaN(rnn) ? "not run" : $"{rnn:P1} ± {rnnStd:P1}");
        AnsiConsole.Write(t);
        AnsiConsole.MarkupLine($"Source DAC + probe ADC energy per utterance: {Output.Joules(r.SourceProbeEnergyJoules)} (transducers' acoustic power not modelled).");
        return 0;
    }

    private static string Pct(double v) => double.IsNaN(v) ? "—" : v.ToString("P1", System.Globalization.CultureInfo.CurrentCulture);
}
