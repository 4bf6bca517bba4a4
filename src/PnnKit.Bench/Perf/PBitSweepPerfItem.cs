using System.Globalization;
using PnnKit.Core.Random;
using PnnKit.Spintronics;

namespace PnnKit.Bench.Perf;

/// <summary>
/// p-bit sweeps per second on a 1,000-spin sparse network (issue 6): <see cref="SparsePBitNetwork.Random"/> with
/// mean degree 6 (3,000 couplings J ~ U(−1, 1)) at β = 0.5, asynchronous Gibbs sweeps of 1,000 randomly chosen
/// updates on one thread (sequential by nature). Reports sweeps/s and p-bit updates ("flips", attempted) per second.
/// Informational: the issue sets no target.
/// </summary>
public sealed class PBitSweepPerfItem(int spins = 1000, int degree = 6) : IPerfItem
{
    /// <summary>Sweeps per timed operation, so one operation lasts a few milliseconds.</summary>
    private const int SweepsPerOp = 10;

    /// <inheritdoc/>
    public string Name => "p-bit sweeps";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var net = SparsePBitNetwork.Random(spins, degree, 0.5, new Rng(1));
        var rng = new Rng(2);
        var t = context.Measure(() =>
        {
            for (int s = 0; s < SweepsPerOp; s++)
            {
                net.Sweep(rng);
            }
        });
        double sweeps = t.RateAtMin(SweepsPerOp);
        string n = spins.ToString("N0", CultureInfo.InvariantCulture);
        return
        [
            new PerfResult($"p-bit sweeps, {n}-spin sparse network (mean degree {degree}), 1 thread", sweeps, "sweeps/s",
                Detail: $"{sweeps * spins / 1e6:F1} M updates/s at min, {t.RateAtMedian(SweepsPerOp) * spins / 1e6:F1} M at median; {t} of {SweepsPerOp} sweeps"),
        ];
    }
}
