using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;

namespace PnnKit.Methods;

/// <summary>A physics twin with one calibrated parameter, and how well it predicts held-out measurements.</summary>
/// <param name="Twin">The twin built at the calibrated value.</param>
/// <param name="Value">The calibrated parameter.</param>
/// <param name="FitNormalisedError">Normalised error on the pairs it was calibrated on.</param>
/// <param name="HeldOutNormalisedError">Normalised error on held-out pairs (see <see cref="TwinFitting.NormalisedError{T}"/>).</param>
/// <param name="NominalHeldOutNormalisedError">Held-out normalised error of the uncalibrated twin (at the nominal value).</param>
/// <param name="Queries">Examples measured on the system (pairs × repeats).</param>
public sealed record CalibratedTwin<T>(ILayer<T> Twin, double Value, double FitNormalisedError, double HeldOutNormalisedError, double NominalHeldOutNormalisedError, long Queries)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Calibrates a parametric physics twin (Wright et al., Nature 2022: "a physics-based model whose
/// parameters are fitted to the same data" as the neural twin): measure random (input, control)
/// pairs as for <see cref="TwinFitting"/>, then choose the one physical parameter (a nonlinearity,
/// a gain) that minimises the twin's normalised error on them, by golden-section search. What the
/// one parameter cannot express stays in the held-out error, which is reported.
/// </summary>
public static class ParametricTwinCalibration
{
    /// <summary>Golden-section iterations: the bracket shrinks by 0.618 each, 1e-4 of its width after 20.</summary>
    public const int Iterations = 20;

    /// <summary>
    /// Calibrates <paramref name="twinAt"/>(value) for value in [<paramref name="lo"/>, <paramref name="hi"/>]
    /// against <paramref name="system"/>; <paramref name="nominal"/> is the uncalibrated value, reported for comparison.
    /// </summary>
    public static CalibratedTwin<T> Calibrate<T>(IPhysicalSystem<T> system, Func<double, ILayer<T>> twinAt, double lo, double hi, double nominal, TwinFittingOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(twinAt);
        if (!(lo < hi) || !double.IsFinite(lo) || !double.IsFinite(hi))
        {
            throw new ArgumentOutOfRangeException(nameof(lo), $"Calibration bracket must be finite with lo < hi, got [{lo}, {hi}].");
        }
        var m = TwinFitting.Measure(system, options);
        var (fit, held) = TwinFitting.Split(m, options);
        double Error(double v, IReadOnlyList<int> rows) => TwinFitting.NormalisedError(twinAt(v), m, rows);

        double ratio = (Math.Sqrt(5) - 1) / 2;
        double a = lo, b = hi;
        double c = b - (ratio * (b - a)), d = a + (ratio * (b - a));
        double fc = Error(c, fit), fd = Error(d, fit);
        for (int i = 0; i < Iterations; i++)
        {
            if (fc <= fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (ratio * (b - a));
                fc = Error(c, fit);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (ratio * (b - a));
                fd = Error(d, fit);
            }
        }
        double best = fc <= fd ? c : d;
        return new CalibratedTwin<T>(twinAt(best), best, Math.Min(fc, fd), Error(best, held), Error(nominal, held), m.Queries);
    }
}
