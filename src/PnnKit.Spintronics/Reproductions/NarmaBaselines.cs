using PnnKit.Core.Random;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>One baseline on NARMA-10: its readout features, the settings chosen on validation, and its NMSE.</summary>
/// <param name="Model">What produces the readout's features.</param>
/// <param name="Features">Features per time step fed to the ridge readout.</param>
/// <param name="Choice">The settings chosen on the validation segment.</param>
/// <param name="Validation">NMSE on the validation segment at that choice.</param>
/// <param name="Test">NMSE on the test segment, read once.</param>
public sealed record NarmaBaseline(string Model, int Features, string Choice, double Validation, double Test);

/// <summary>
/// The oscillator reservoir's NARMA-10 figure against two baselines on the same series, splits and ridge readout
/// (<see cref="SpintronicDemos.Narma"/>: train [100, 1600), validation [1600, 2000), test [2000, 2999)): a linear
/// tapped-delay regression on the last <c>features</c> inputs (as many features as the reservoir has virtual nodes) and a
/// digital echo-state network of as many units. NARMA-10 (Atiya &amp; Parlos 2000) stands in for the spoken-digit task of
/// Torrejon et al. 2017: TI-46 is not on this machine.
/// </summary>
public static class NarmaBaselines
{
    /// <summary>Spectral radii the echo-state network tries.</summary>
    public static IReadOnlyList<double> SpectralRadii { get; } = [0.5, 0.8, 0.95, 1.1];

    /// <summary>Input scales the echo-state network tries (inputs are in [−1, 1]).</summary>
    public static IReadOnlyList<double> InputScales { get; } = [0.1, 0.5, 1];

    /// <summary>Runs both baselines on the series of <see cref="SpintronicDemos.Narma"/> with seed <paramref name="seed"/>.</summary>
    public static IReadOnlyList<NarmaBaseline> Run(ulong seed = 31, int features = 40)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        var rng = new Rng(seed);
        var (u, y) = Narma10.Generate(SpintronicDemos.NarmaLength, rng.Split("narma")); // the reservoir's series, split for split
        var scaled = u.Select(v => (v - 0.25) / 0.25).ToArray();
        int end = SpintronicDemos.NarmaLength - 1;
        double Nmse(double[] x, int from, int to, double lambda) =>
            Narma10.ReadoutNmse(x, features, y, SpintronicDemos.NarmaWashout, SpintronicDemos.NarmaTrain, from, to, lambda);
        double Validation(double[] x, double lambda) => Nmse(x, SpintronicDemos.NarmaTrain, SpintronicDemos.NarmaValidationEnd, lambda);

        var delays = TappedDelays(scaled, features);
        double linearLambda = SpintronicDemos.SweepLambdas.MinBy(l => Validation(delays, l));
        var linear = new NarmaBaseline($"linear: ridge on the last {features} inputs", features, $"λ = {linearLambda:0e0}",
            Validation(delays, linearLambda), Nmse(delays, SpintronicDemos.NarmaValidationEnd, end, linearLambda));

        (double Rho, double Scale, double Lambda, double Validation, double[] States) best = (0, 0, 0, double.PositiveInfinity, []);
        foreach (double rho in SpectralRadii)
        {
            foreach (double scale in InputScales)
            {
                var states = new EchoStateNetwork(features, rho, scale, rng.Split("esn")).Run(scaled);
                foreach (double lambda in SpintronicDemos.SweepLambdas)
                {
                    double v = Validation(states, lambda);
                    if (v < best.Validation)
                    {
                        best = (rho, scale, lambda, v, states);
                    }
                }
            }
        }
        var esn = new NarmaBaseline($"digital: echo-state network, {features} tanh units", features,
            $"ρ = {best.Rho}, input scale {best.Scale}, λ = {best.Lambda:0e0}", best.Validation, Nmse(best.States, SpintronicDemos.NarmaValidationEnd, end, best.Lambda));
        return [linear, esn];
    }

    /// <summary>Row t holds u(t), u(t−1), …, u(t−d+1), zero before the series starts.</summary>
    public static double[] TappedDelays(ReadOnlySpan<double> u, int delays)
    {
        var x = new double[u.Length * delays];
        for (int t = 0; t < u.Length; t++)
        {
            for (int d = 0; d < delays && d <= t; d++)
            {
                x[(t * delays) + d] = u[t - d];
            }
        }
        return x;
    }
}
