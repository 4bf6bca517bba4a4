using PnnKit.Core.Data;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Dynamics;

namespace PnnKit.Dynamics.Reproductions;

/// <summary>
/// A six-vowel data set for the forward-only photonic reproduction: vowels synthesized from
/// published average formants (<see cref="VowelSynthesizer"/>, one random speaker per example),
/// reduced to six formant features by linear prediction, one feature per optical mode:
/// ln F1, ln F2, ln F3 and the LPC spectral envelope's level (dB) at each of them.
/// </summary>
public static class VowelFormantFeatures
{
    /// <summary>Sample rate of the synthesized vowels, Hz: 10 kHz keeps F3 (≤ 3.4 kHz with speaker variation) below Nyquist.</summary>
    public const double SampleRateHz = 10_000;

    /// <summary>Linear-prediction order: two poles per formant in 5 kHz plus two for the glottal and radiation tilt (the fs/1 kHz + 2 rule of thumb, Rabiner &amp; Schafer 1978).</summary>
    public const int LpcOrder = 12;

    /// <summary>Pre-emphasis coefficient 0.97 (the usual speech front end, Rabiner &amp; Schafer 1978) flattens the resonators' −12 dB/octave roll-off.</summary>
    public const double PreEmphasis = 0.97;

    /// <summary>Samples skipped while the resonators settle: 10 ms (the narrowest formant, 60 Hz wide, decays in 1/(π·60 Hz) ≈ 5 ms).</summary>
    public const int SettleSamples = 100;

    /// <summary>Analysis frame: 30 ms, Hamming-windowed (a standard LPC frame, several pitch periods at F0 ≈ 130 Hz).</summary>
    public const int FrameSamples = 300;

    /// <summary>Frequency grid on which the LPC envelope is searched for peaks, Hz.</summary>
    public const double GridStepHz = 5;

    /// <summary>
    /// Men's averages from Hillenbrand, Getty, Clark &amp; Wheeler, J. Acoust. Soc. Am. 97, 3099 (1995),
    /// Table V, for six vowels spanning the vowel triangle: /i/ heed, /e/ hayed, /æ/ had (taken from
    /// <see cref="VowelSynthesizer.HillenbrandMen"/> when it lists them) and /ɑ/ hod, /o/ hoed, /u/ who'd.
    /// Entered from memory of that table, like the synthesizer's; check against the paper before publication.
    /// </summary>
    public static IReadOnlyList<VowelFormants> SixVowels { get; } = Pick(
    [
        new("iy", 138, 342, 2322, 3000),
        new("ei", 129, 476, 2089, 2691),
        new("ae", 123, 588, 1952, 2601),
        new("ah", 123, 768, 1333, 2522),
        new("oa", 129, 497, 910, 2459),
        new("uw", 143, 378, 997, 2343),
    ]);

    /// <summary>Feature names, in mode order.</summary>
    public static readonly string[] FeatureNames = ["ln F1", "ln F2", "ln F3", "level at F1 (dB)", "level at F2 (dB)", "level at F3 (dB)"];

    /// <summary><paramref name="perVowel"/> examples of each of <see cref="SixVowels"/>, each from a fresh random speaker.</summary>
    public static Dataset<double> Create(int perVowel, ulong seed)
    {
        if (perVowel < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(perVowel), $"Need at least one example per vowel; got {perVowel}.");
        }
        int n = SixVowels.Count * perVowel;
        var x = new Tensor<double>(n, FeatureNames.Length);
        var labels = new int[n];
        var root = new Rng(seed).Split("vowels");
        for (int v = 0; v < SixVowels.Count; v++)
        {
            var rng = root.Split(SixVowels[v].Name);
            for (int k = 0; k < perVowel; k++)
            {
                int i = (v * perVowel) + k;
                var audio = VowelSynthesizer.Synthesize(SixVowels[v], SampleRateHz, SettleSamples + FrameSamples, rng);
                Extract(audio.AsSpan(SettleSamples, FrameSamples)).CopyTo(x.Row(i));
                labels[i] = v;
            }
        }
        return new Dataset<double>("six-vowels", x, labels, SixVowels.Count);
    }

    /// <summary>The three lowest formant frequencies (Hz) and envelope levels (dB) of one frame, by LPC peak picking.</summary>
    public static (double[] Formants, double[] LevelsDb) Formants(ReadOnlySpan<double> frame)
    {
        int n = frame.Length;
        if (n <= LpcOrder)
        {
            throw new ArgumentException($"A frame needs more than {LpcOrder} samples; got {n}.", nameof(frame));
        }
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            double pre = frame[i] - (i > 0 ? PreEmphasis * frame[i - 1] : 0);
            w[i] = pre * (0.54 - (0.46 * Math.Cos(2 * Math.PI * i / (n - 1))));
        }
        var a = Lpc(w, LpcOrder);
        // Envelope 1/|A(e^{iω})|² on a grid; its local maxima are the formant candidates.
        int bins = (int)(SampleRateHz / 2 / GridStepHz);
        var level = new double[bins + 1];
        for (int k = 0; k <= bins; k++)
        {
            double omega = 2 * Math.PI * k * GridStepHz / SampleRateHz;
            double re = 1, im = 0;
            for (int j = 1; j <= LpcOrder; j++)
            {
                re += a[j] * Math.Cos(j * omega);
                im -= a[j] * Math.Sin(j * omega);
            }
            level[k] = -10 * Math.Log10((re * re) + (im * im));
        }
        var peaks = new List<int>();
        for (int k = 1; k < bins; k++)
        {
            if (level[k] > level[k - 1] && level[k] >= level[k + 1])
            {
                peaks.Add(k);
            }
        }
        // The three strongest peaks, in order of frequency; missing ones (rare) sit at Nyquist.
        var chosen = peaks.OrderByDescending(k => level[k]).Take(3).Order().ToList();
        while (chosen.Count < 3)
        {
            chosen.Add(bins);
        }
        return ([.. chosen.Select(k => k * GridStepHz)], [.. chosen.Select(k => level[k])]);
    }

    private static double[] Extract(ReadOnlySpan<double> frame)
    {
        var (f, l) = Formants(frame);
        return [Math.Log(f[0]), Math.Log(f[1]), Math.Log(f[2]), l[0], l[1], l[2]];
    }

    /// <summary>Autocorrelation-method LPC by the Levinson–Durbin recursion: A(z) = 1 + Σ a_j z^{−j}.</summary>
    private static double[] Lpc(double[] x, int order)
    {
        var r = new double[order + 1];
        for (int lag = 0; lag <= order; lag++)
        {
            for (int i = lag; i < x.Length; i++)
            {
                r[lag] += x[i] * x[i - lag];
            }
        }
        var a = new double[order + 1];
        a[0] = 1;
        double err = r[0];
        if (!(err > 0))
        {
            throw new ArgumentException("A silent frame has no spectral envelope.", nameof(x));
        }
        var tmp = new double[order + 1];
        for (int m = 1; m <= order; m++)
        {
            double acc = r[m];
            for (int j = 1; j < m; j++)
            {
                acc += a[j] * r[m - j];
            }
            double k = -acc / err;
            Array.Copy(a, tmp, order + 1);
            for (int j = 1; j < m; j++)
            {
                a[j] = tmp[j] + (k * tmp[m - j]);
            }
            a[m] = k;
            err *= 1 - (k * k);
        }
        return a;
    }

    private static IReadOnlyList<VowelFormants> Pick(VowelFormants[] fallback) =>
        [.. fallback.Select(v => VowelSynthesizer.HillenbrandMen.FirstOrDefault(h => h.Name == v.Name) ?? v)];
}
