using PnnKit.Core.Random;

namespace PnnKit.Dynamics;

/// <summary>Average formants of one vowel for one speaker group.</summary>
/// <param name="Name">Vowel label, e.g. "ae".</param>
/// <param name="F0">Fundamental frequency, Hz.</param>
/// <param name="F1">First formant, Hz.</param>
/// <param name="F2">Second formant, Hz.</param>
/// <param name="F3">Third formant, Hz.</param>
public sealed record VowelFormants(string Name, double F0, double F1, double F2, double F3);

/// <summary>
/// Synthetic vowels from published average formants, for the wave-RNN vowel task when no recordings are bundled.
/// Source–filter synthesis (Klatt, J. Acoust. Soc. Am. 67, 971 (1980)): a glottal impulse train at F0 through
/// a cascade of three second-order digital resonators at F1–F3 with bandwidths 60, 90 and 150 Hz (Klatt's typical
/// values). Speaker variation: F0 scaled by exp(0.1·N(0,1)), all formants by a common vocal-tract factor
/// exp(0.05·N(0,1)) and each by a further exp(0.03·N(0,1)); the output is scaled to unit RMS.
/// </summary>
public static class VowelSynthesizer
{
    /// <summary>
    /// Men's averages of Hillenbrand, Getty, Clark &amp; Wheeler, J. Acoust. Soc. Am. 97, 3099 (1995), Table V,
    /// for the three vowels of Hughes et al. 2019 (/ae/ "had", /ei/ "hayed", /iy/ "heed"). The numbers were
    /// entered from memory of that table and should be checked against the paper before publication.
    /// </summary>
    public static IReadOnlyList<VowelFormants> HillenbrandMen { get; } =
    [
        new("ae", 123, 588, 1952, 2601),
        new("ei", 129, 476, 2089, 2691),
        new("iy", 138, 342, 2322, 3000),
    ];

    /// <summary>Synthesises <paramref name="samples"/> samples at <paramref name="sampleRate"/> Hz of one speaker's <paramref name="vowel"/>.</summary>
    public static double[] Synthesize(VowelFormants vowel, double sampleRate, int samples, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(vowel);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(sampleRate > 2 * vowel.F3))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), $"Sample rate {sampleRate} Hz must exceed twice F3 = {vowel.F3} Hz.");
        }
        double f0 = vowel.F0 * Math.Exp(0.1 * rng.Normal());
        double tract = Math.Exp(0.05 * rng.Normal());
        double[] formants = [vowel.F1, vowel.F2, vowel.F3];
        double[] bandwidths = [60, 90, 150];
        var x = new double[samples];
        double phase = rng.NextDouble();
        for (int n = 0; n < samples; n++)
        {
            phase += f0 / sampleRate;
            if (phase >= 1)
            {
                phase -= 1;
                x[n] = 1;
            }
        }
        for (int k = 0; k < 3; k++)
        {
            double f = formants[k] * tract * Math.Exp(0.03 * rng.Normal());
            double t = 1 / sampleRate;
            double c = -Math.Exp(-2 * Math.PI * bandwidths[k] * t);
            double b = 2 * Math.Exp(-Math.PI * bandwidths[k] * t) * Math.Cos(2 * Math.PI * f * t);
            double a = 1 - b - c;
            double y1 = 0, y2 = 0;
            for (int n = 0; n < samples; n++)
            {
                double y = (a * x[n]) + (b * y1) + (c * y2);
                y2 = y1;
                y1 = y;
                x[n] = y;
            }
        }
        double rms = Math.Sqrt(x.Sum(v => v * v) / samples);
        for (int n = 0; n < samples; n++)
        {
            x[n] = rms > 0 ? x[n] / rms : 0;
        }
        return x;
    }
}
