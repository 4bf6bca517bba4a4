using PnnKit.Core.Random;

namespace PnnKit.Spintronics;

/// <summary>
/// Integer factorisation with p-bits as in Borders et al., "Integer factorization using stochastic magnetic
/// tunnel junctions", Nature 573, 390 (2019): the factors are odd, X = 2x + 1 and Y = 2y + 1, with the bits of
/// x and y held by p-bits (8 p-bits for 945 = 15 × 63: 3 bits for x, 5 for y); the network samples
/// P ∝ exp(−β E) of the cost E = (F − X·Y)² / F, whose three- and four-body terms are evaluated by the
/// p-bit inputs I_i = β [E(m_i = −1) − E(m_i = +1)] / 2 (the exact Gibbs conditional for any energy), while
/// β is ramped up (annealing, the "modified adiabatic" schedule of the paper).
/// </summary>
public sealed class PBitFactorizer
{
    private readonly int[] _m;

    /// <summary>A factoriser for <paramref name="number"/> with <paramref name="bitsX"/> and <paramref name="bitsY"/> p-bits.</summary>
    public PBitFactorizer(long number, int bitsX, int bitsY)
    {
        if (number < 9 || number % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(number), $"Only odd composites ≥ 9 have two odd factors, got {number}.");
        }
        if (bitsX < 1 || bitsY < 1 || bitsX + bitsY > 30)
        {
            throw new ArgumentOutOfRangeException(nameof(bitsX), $"Need 1..30 p-bits in all, got {bitsX} + {bitsY}.");
        }
        Number = number;
        BitsX = bitsX;
        BitsY = bitsY;
        _m = new int[bitsX + bitsY];
    }

    /// <summary>
    /// MACs the synapse needs per update: two evaluations of (F − X·Y)² (a multiply-subtract and a square each)
    /// for m_i = ±1; the 1/F and β/2 scalings fold into one comparison threshold.
    /// </summary>
    public const int SynapseMacsPerUpdate = 4;

    /// <summary>The number to factor.</summary>
    public long Number { get; }

    /// <summary>p-bits for x (X = 2x + 1).</summary>
    public int BitsX { get; }

    /// <summary>p-bits for y (Y = 2y + 1).</summary>
    public int BitsY { get; }

    /// <summary>Present factors (X, Y).</summary>
    public (long X, long Y) Factors
    {
        get
        {
            long x = 0, y = 0;
            for (int i = 0; i < BitsX; i++)
            {
                x |= (long)(_m[i] > 0 ? 1 : 0) << i;
            }
            for (int i = 0; i < BitsY; i++)
            {
                y |= (long)(_m[BitsX + i] > 0 ? 1 : 0) << i;
            }
            return ((2 * x) + 1, (2 * y) + 1);
        }
    }

    /// <summary>The cost (F − X·Y)² / F of the present state.</summary>
    public double Energy()
    {
        var (x, y) = Factors;
        double d = Number - (x * y);
        return d * d / Number;
    }

    /// <summary>
    /// Anneals: β rises linearly from <paramref name="betaStart"/> to <paramref name="betaEnd"/> over
    /// <paramref name="sweeps"/> sweeps of asynchronous p-bit updates; returns how many sweeps ended in each
    /// (X, Y) during the last <paramref name="countLast"/> sweeps. With <paramref name="devices"/>, each update reads p-bit i's
    /// stochastic MTJ after the time since its last read, one <paramref name="updateSeconds"/> per update (as in
    /// <see cref="PBitNetwork.Devices"/>); without, the p-bits are ideal and independent.
    /// </summary>
    public Dictionary<(long X, long Y), int> Anneal(int sweeps, double betaStart, double betaEnd, int countLast, Rng rng, StochasticMtjPBits? devices = null, double updateSeconds = 10e-9)
    {
        ArgumentNullException.ThrowIfNull(rng);
        int n = _m.Length;
        if (devices is not null && devices.Count != n)
        {
            throw new ArgumentException($"Devices: {devices.Count} sMTJs for {n} p-bits.", nameof(devices));
        }
        if (!double.IsFinite(updateSeconds) || updateSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(updateSeconds), $"Update time must be finite and > 0 s, got {updateSeconds}.");
        }
        var lastRead = new long[n];
        long updates = 0;
        for (int i = 0; i < n; i++)
        {
            _m[i] = rng.NextDouble() < 0.5 ? -1 : 1;
        }
        var counts = new Dictionary<(long, long), int>();
        for (int s = 0; s < sweeps; s++)
        {
            double beta = betaStart + ((betaEnd - betaStart) * s / Math.Max(1, sweeps - 1));
            for (int k = 0; k < n; k++)
            {
                int i = rng.NextInt(n), state = _m[i];
                _m[i] = 1;
                double ePlus = Energy();
                _m[i] = -1;
                double eMinus = Energy();
                double input = beta * (eMinus - ePlus) / 2;
                if (devices is null)
                {
                    _m[i] = PBitNetwork.Fire(input, rng);
                }
                else
                {
                    _m[i] = devices.Read(i, state, input, (++updates - lastRead[i]) * updateSeconds, rng);
                    lastRead[i] = updates;
                }
            }
            if (s >= sweeps - countLast)
            {
                var f = Factors;
                counts[f] = counts.GetValueOrDefault(f) + 1;
            }
        }
        return counts;
    }
}
