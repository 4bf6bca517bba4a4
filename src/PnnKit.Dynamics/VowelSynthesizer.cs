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
/// values); the output is scaled to unit RMS.
/// Speaker variation (each call is a new speaker): F0 scaled by exp(<see cref="PitchSpread"/>·N(0,1)), all formants by a
/// common vocal-tract factor exp(<see cref="TractSpread"/>·N(0,1)) and each by a further exp(<see cref="FormantSpread"/>·N(0,1)).
/// The spreads follow the between-talker coefficients of variation (SD/mean) of Hillenbrand's descriptive statistics
/// (vowdata.ds, distributed with the 1995 database): F0 0.15–0.19 for men and 0.09–0.12 for women, F1–F3 0.05–0.12.
/// </summary>
public static class VowelSynthesizer
{
    /// <summary>Relative spread (log-normal σ) of a speaker's F0: Hillenbrand's men have SD/mean 0.15–0.19 for /ae, ei, iy/.</summary>
    public const double PitchSpread = 0.16;

    /// <summary>Common vocal-tract scaling of all formants of a speaker (log-normal σ); with <see cref="FormantSpread"/> it gives the 0.06–0.09 total SD/mean of F1–F3.</summary>
    public const double TractSpread = 0.05;

    /// <summary>Independent spread of each formant (log-normal σ) on top of the common tract factor.</summary>
    public const double FormantSpread = 0.04;

    /// <summary>
    /// Men's averages (45 talkers) of Hillenbrand, Getty, Clark &amp; Wheeler, "Acoustic characteristics of American
    /// English vowels", J. Acoust. Soc. Am. 97, 3099 (1995), Table V (steady-state F0, F1, F2, F3), for the three vowels
    /// of Hughes et al. 2019 (/ae/ "had", /ei/ "hayed", /iy/ "heed"). Checked against a transcription of Table V
    /// (ctoth/Qlatt, papers/Hillenbrand_1995_VowelAcoustics/notes.md): all twelve numbers agree. The database's own
    /// descriptive statistics (vowdata.ds) agree for /iy/ and /ei/ to ≤ 1 Hz and give /ae/ 126, 591, 1930, 2595 Hz (a
    /// slightly different token set); we keep Table V. The printed paper itself was not available to us.
    /// </summary>
    public static IReadOnlyList<VowelFormants> HillenbrandMen { get; } =
    [
        new("ae", 123, 588, 1952, 2601),
        new("ei", 129, 476, 2089, 2691),
        new("iy", 138, 342, 2322, 3000),
    ];

    /// <summary>
    /// Women's averages (48 talkers) from the same Table V of Hillenbrand et al. (1995), checked the same way: Table V
    /// transcription 215/669/2349/2972 (/ae/), 219/536/2530/3047 (/ei/), 227/437/2761/3372 (/iy/); vowdata.ds agrees
    /// within 14 Hz (e.g. /ae/ 214, 676, 2335, 2973).
    /// </summary>
    public static IReadOnlyList<VowelFormants> HillenbrandWomen { get; } =
    [
        new("ae", 215, 669, 2349, 2972),
        new("ei", 219, 536, 2530, 3047),
        new("iy", 227, 437, 2761, 3372),
    ];

    /// <summary>
    /// Synthesises <paramref name="samples"/> samples at <paramref name="sampleRate"/> Hz of one speaker's <paramref name="vowel"/>.
    /// With a <paramref name="glide"/> the resonators' frequencies move during the utterance (per sample); with a finite
    /// <paramref name="snrDb"/>, white Gaussian noise of power 10^(−SNR/10) is added to the unit-RMS vowel (a microphone's and
    /// room's noise floor). The noise is drawn after the speaker, so the same <paramref name="rng"/> gives the same speaker with
    /// or without it; without glide and noise the result is the stationary vowel.
    /// </summary>
    public static double[] Synthesize(VowelFormants vowel, double sampleRate, int samples, Rng rng, VowelGlide? glide = null, double snrDb = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(vowel);
        ArgumentNullException.ThrowIfNull(rng);
        double fmax = glide is null ? vowel.F3 : vowel.F3 * Math.Max(glide.At20.F3, glide.At80.F3);
        if (!(sampleRate > 2 * fmax))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), $"Sample rate {sampleRate} Hz must exceed twice the highest F3 = {fmax} Hz.");
        }
        if (double.IsNaN(snrDb) || double.IsNegativeInfinity(snrDb))
        {
            throw new ArgumentOutOfRangeException(nameof(snrDb), $"SNR must be a number of dB (+∞ for no noise), got {snrDb}.");
        }
        double f0 = vowel.F0 * Math.Exp(PitchSpread * rng.Normal());
        double tract = Math.Exp(TractSpread * rng.Normal());
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
            double f = formants[k] * tract * Math.Exp(FormantSpread * rng.Normal());
            double t = 1 / sampleRate;
            double c = -Math.Exp(-2 * Math.PI * bandwidths[k] * t);
            double r = Math.Exp(-Math.PI * bandwidths[k] * t);
            double b = 2 * r * Math.Cos(2 * Math.PI * f * t);
            double a = 1 - b - c;
            double y1 = 0, y2 = 0;
            for (int n = 0; n < samples; n++)
            {
                if (glide is not null)
                {
                    // Klatt's resonator with its frequency updated every sample (unit gain at DC kept).
                    b = 2 * r * Math.Cos(2 * Math.PI * f * glide.Factor(k, (n + 0.5) / samples) * t);
                    a = 1 - b - c;
                }
                double y = (a * x[n]) + (b * y1) + (c * y2);
                y2 = y1;
                y1 = y;
                x[n] = y;
            }
        }
        double rms = Math.Sqrt(x.Sum(v => v * v) / samples);
        double noise = double.IsPositiveInfinity(snrDb) ? 0 : Math.Pow(10, -snrDb / 20);
        for (int n = 0; n < samples; n++)
        {
            x[n] = (rms > 0 ? x[n] / rms : 0) + (noise > 0 ? noise * rng.Normal() : 0);
        }
        return x;
    }
}
