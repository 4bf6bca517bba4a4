using PnnKit.Core.Random;

namespace PnnKit.Memristive.Periphery;

/// <summary>
/// Fast exact standard-normal samples for the per-read output noise: the ziggurat method of Marsaglia
/// and Tsang, J. Stat. Softw. 5(8) (2000), 128 layers, with the layer index and the 32-bit value taken
/// from different bits of one 64-bit draw (Doornik 2005's fix of the original's correlation). About 99%
/// of samples cost one draw, one compare and one multiply; the polar method's logarithm and square root
/// per pair dominated the noisy analog read (131 072 normals per 512 × 256 tile read).
/// </summary>
public static class GaussianNoise
{
    private const int Layers = 128;

    /// <summary>Start of the tail, the ziggurat's r for 128 layers (Marsaglia &amp; Tsang 2000).</summary>
    private const double TailStart = 3.442619855899;

    /// <summary>Area of each layer, v (Marsaglia &amp; Tsang 2000).</summary>
    private const double LayerArea = 9.91256303526217e-3;

    private const double Scale31 = 2147483648.0; // 2³¹: the signed 32-bit value's scale

    private static readonly uint[] Kn = new uint[Layers];
    private static readonly double[] Wn = new double[Layers];
    private static readonly double[] Fn = new double[Layers];

#pragma warning disable CA1810 // the tables are computed, not initialised inline
    static GaussianNoise()
#pragma warning restore CA1810
    {
        double dn = TailStart, tn = dn;
        double q = LayerArea / Math.Exp(-0.5 * dn * dn);
        Kn[0] = (uint)(dn / q * Scale31);
        Kn[1] = 0;
        Wn[0] = q / Scale31;
        Wn[Layers - 1] = dn / Scale31;
        Fn[0] = 1;
        Fn[Layers - 1] = Math.Exp(-0.5 * dn * dn);
        for (int i = Layers - 2; i >= 1; i--)
        {
            dn = Math.Sqrt(-2 * Math.Log((LayerArea / dn) + Math.Exp(-0.5 * dn * dn)));
            Kn[i + 1] = (uint)(dn / tn * Scale31);
            tn = dn;
            Fn[i] = Math.Exp(-0.5 * dn * dn);
            Wn[i] = dn / Scale31;
        }
    }

    /// <summary>One standard normal sample from <paramref name="rng"/>.</summary>
    public static double Next(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        while (true)
        {
            ulong u = rng.NextULong();
            int iz = (int)(u & (Layers - 1));
            int hz = (int)(u >> 32);
            if ((uint)Math.Abs((long)hz) < Kn[iz])
            {
                return hz * Wn[iz];
            }
            double x = hz * Wn[iz];
            if (iz == 0)
            {
                // Tail beyond r: Marsaglia's exponential rejection.
                double tx, ty;
                do
                {
                    tx = -Math.Log(1 - rng.NextDouble()) / TailStart;
                    ty = -Math.Log(1 - rng.NextDouble());
                }
                while (ty + ty < tx * tx);
                return hz > 0 ? TailStart + tx : -TailStart - tx;
            }
            if (Fn[iz] + (rng.NextDouble() * (Fn[iz - 1] - Fn[iz])) < Math.Exp(-0.5 * x * x))
            {
                return x;
            }
        }
    }

    /// <summary>values[i] += std · z_i with z_i standard normal, drawn from <paramref name="rng"/>.</summary>
    public static void Add(Span<double> values, double std, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!(std >= 0) || !double.IsFinite(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std), $"std must be finite and ≥ 0, got {std}.");
        }
        if (std == 0)
        {
            return;
        }
        for (int i = 0; i < values.Length; i++)
        {
            values[i] += std * Next(rng);
        }
    }
}
