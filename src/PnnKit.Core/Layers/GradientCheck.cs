using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Layers;

/// <summary>
/// Checks a layer's Backward against central finite differences in double precision. The scalar
/// probed is L = Σ r ⊙ Forward(x) with a fixed random r, so every output element contributes. Each
/// forward call gets a fresh context from <c>contextFactory</c> (same seed each time), which makes
/// noisy layers deterministic for the check. Every layer's tests call this.
/// </summary>
public static class GradientCheck
{
    /// <summary>Runs the check on the input (if <paramref name="checkInput"/>) and every parameter.</summary>
    /// <param name="layer">The layer, in double precision.</param>
    /// <param name="input">A batch of inputs.</param>
    /// <param name="contextFactory">Creates the context for each forward; default: training mode, seed 7.</param>
    /// <param name="step">Finite-difference step h.</param>
    /// <param name="maxEntries">At most this many randomly chosen entries per tensor are probed.</param>
    /// <param name="checkInput">Whether to check dL/dx.</param>
    /// <param name="seed">Seed of r and of the probed entries.</param>
    public static GradientCheckResult Run(
        ILayer<double> layer, Tensor<double> input, Func<ForwardContext>? contextFactory = null,
        double step = 1e-6, int maxEntries = 64, bool checkInput = true, ulong seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(input);
        contextFactory ??= () => ForwardContext.Train(7);
        var rng = new Rng(seed);

        var y0 = layer.Forward(input, contextFactory());
        var r = Tensor<double>.ZerosLike(y0);
        rng.FillNormal(r.Span, 0, 1);
        foreach (var p in layer.Parameters)
        {
            p.ZeroGrad();
        }
        var dx = layer.Backward(r);

        double Probe()
        {
            var y = layer.Forward(input, contextFactory());
            double s = 0;
            for (int i = 0; i < y.Length; i++)
            {
                s += r[i] * y[i];
            }
            return s;
        }

        var entries = new List<GradientCheckEntry>();
        if (checkInput)
        {
            entries.Add(Compare("input", input.Data, dx.Data, Probe, step, maxEntries, rng));
        }
        foreach (var p in layer.Parameters)
        {
            entries.Add(Compare(p.Name, p.Value.Data, (double[])p.Grad.Data.Clone(), Probe, step, maxEntries, rng));
        }
        return new GradientCheckResult(entries);
    }

    private static GradientCheckEntry Compare(string name, double[] values, double[] analytic, Func<double> probe, double h, int maxEntries, Rng rng)
    {
        var idx = values.Length <= maxEntries ? Enumerable.Range(0, values.Length).ToArray() : rng.Permutation(values.Length)[..maxEntries];
        double diff2 = 0, a2 = 0, n2 = 0, maxAbs = 0;
        foreach (int i in idx)
        {
            double v = values[i];
            values[i] = v + h;
            double lp = probe();
            values[i] = v - h;
            double lm = probe();
            values[i] = v;
            double numeric = (lp - lm) / (2 * h);
            double d = analytic[i] - numeric;
            diff2 += d * d;
            a2 += analytic[i] * analytic[i];
            n2 += numeric * numeric;
            maxAbs = Math.Max(maxAbs, Math.Abs(d));
        }
        double denom = Math.Max(Math.Sqrt(Math.Max(a2, n2)), 1e-300);
        return new GradientCheckEntry(name, idx.Length, Math.Sqrt(diff2) / denom, maxAbs, Math.Sqrt(a2));
    }
}

/// <summary>Result for one tensor: norm-wise relative error ‖a − n‖ / max(‖a‖, ‖n‖) over the probed entries.</summary>
/// <param name="Name">Tensor name ("input" or the parameter's name).</param>
/// <param name="Probed">Entries probed.</param>
/// <param name="RelativeError">Norm-wise relative error.</param>
/// <param name="MaxAbsoluteError">Largest absolute difference.</param>
/// <param name="AnalyticNorm">Norm of the analytic gradient on the probed entries (a zero norm means the check proves little).</param>
public sealed record GradientCheckEntry(string Name, int Probed, double RelativeError, double MaxAbsoluteError, double AnalyticNorm);

/// <summary>All entries of a gradient check.</summary>
public sealed record GradientCheckResult(IReadOnlyList<GradientCheckEntry> Entries)
{
    /// <summary>Worst relative error over all tensors.</summary>
    public double MaxRelativeError => Entries.Count == 0 ? 0 : Entries.Max(e => e.RelativeError);

    /// <summary>Throws with a per-tensor table if any relative error exceeds <paramref name="tolerance"/> or a gradient is identically zero.</summary>
    public void AssertWithin(double tolerance)
    {
        var bad = Entries.Where(e => !(e.RelativeError <= tolerance) || e.AnalyticNorm == 0).ToList();
        if (bad.Count > 0)
        {
            throw new InvalidOperationException("Gradient check failed (tolerance " + tolerance + "): " +
                string.Join("; ", Entries.Select(e => $"{e.Name}: rel {e.RelativeError:E2}, max abs {e.MaxAbsoluteError:E2}, |g| {e.AnalyticNorm:E2}")));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join("; ", Entries.Select(e => $"{e.Name}: {e.RelativeError:E2}"));
}
