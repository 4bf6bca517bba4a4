namespace PnnKit.Dynamics;

/// <summary>
/// How a vowel's formants move during the utterance: F1–F3 as multiples of the steady-state values of
/// <see cref="VowelFormants"/> at 20 % and at 80 % of the utterance, the two sampling points of Hillenbrand et al.,
/// J. Acoust. Soc. Am. 97, 3099 (1995), whose two-sample patterns separate the vowels far better than one steady-state
/// sample (their Table IX: 81.0 % → 91.6 % with F1–F3). In between and beyond, each formant moves linearly in time.
/// </summary>
/// <param name="Name">Vowel label, e.g. "ei".</param>
/// <param name="At20">F1, F2, F3 at 20 % of the utterance, as multiples of the steady state.</param>
/// <param name="At80">F1, F2, F3 at 80 % of the utterance, as multiples of the steady state.</param>
public sealed record VowelGlide(string Name, (double F1, double F2, double F3) At20, (double F1, double F2, double F3) At80)
{
    /// <summary>
    /// Glides of /ae/, /ei/, /iy/. Assumption: the 20 % and 80 % formant table of Hillenbrand et al. (1995) was not available
    /// to us, so the directions follow their description of the spectral change (their Fig. 9) and the usual phonetics of
    /// these vowels, with magnitudes of 4–12 %: /ei/ is diphthongised towards /i/ (F1 falls 18 %, F2 rises 10 %), the
    /// Michigan talkers' raised /ae/ has an inglide (F1 rises, F2 falls), /iy/ is nearly steady (F1 falls, F2 rises slightly).
    /// The values are not chosen on any result.
    /// </summary>
    public static IReadOnlyList<VowelGlide> Hillenbrand { get; } =
    [
        new("ae", (0.96, 1.04, 1.0), (1.06, 0.95, 1.0)),
        new("ei", (1.08, 0.96, 0.99), (0.90, 1.06, 1.02)),
        new("iy", (1.03, 0.99, 0.99), (0.97, 1.02, 1.01)),
    ];

    /// <summary>The glide of vowel <paramref name="name"/> in <see cref="Hillenbrand"/>; throws naming the vowels it has.</summary>
    public static VowelGlide For(string name) => Hillenbrand.FirstOrDefault(g => g.Name == name)
        ?? throw new ArgumentException($"No formant glide for vowel '{name}'; there are glides for {string.Join(", ", Hillenbrand.Select(g => g.Name))}.", nameof(name));

    /// <summary>Multiple of steady-state formant <paramref name="k"/> (0 = F1) at fraction <paramref name="t"/> of the utterance.</summary>
    public double Factor(int k, double t)
    {
        double a = k switch { 0 => At20.F1, 1 => At20.F2, 2 => At20.F3, _ => throw new ArgumentOutOfRangeException(nameof(k), $"Formant index must be 0, 1 or 2; got {k}.") };
        double b = k switch { 0 => At80.F1, 1 => At80.F2, _ => At80.F3 };
        return a + ((b - a) * (t - 0.2) / 0.6);
    }
}
