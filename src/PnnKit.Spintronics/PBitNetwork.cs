using System.Runtime.CompilerServices;
using PnnKit.Core.Random;

namespace PnnKit.Spintronics;

/// <summary>
/// A network of probabilistic bits (Camsari et al., Phys. Rev. X 7, 031014 (2017); Borders et al.,
/// Nature 573, 390 (2019)). Each p-bit m_i ∈ {−1, +1} updates as m_i = sgn(tanh(I_i) − r), r uniform in
/// (−1, 1), with input I_i = β (Σ_j J_ij m_j + h_i). Updated one at a time (asynchronous Gibbs sampling),
/// the network samples the Boltzmann distribution P(m) ∝ exp(−β E(m)) of the Ising energy
/// E(m) = −Σ_{i&lt;j} J_ij m_i m_j − Σ_i h_i m_i, because P(m_i = +1 | rest) = (1 + tanh I_i)/2.
/// </summary>
public sealed class PBitNetwork
{
    private readonly double[] _j;
    private readonly double[] _h;
    private readonly int[] _m;
    private readonly long[] _lastRead;
    private StochasticMtjPBits? _devices;
    private double _updateSeconds = new Costs.PBitCostModel().UpdateSeconds;
    private long _updates;

    /// <summary>A network with symmetric couplings <paramref name="couplings"/> (n×n, row-major, zero diagonal) and biases.</summary>
    public PBitNetwork(double[] couplings, double[] biases, double beta = 1)
    {
        ArgumentNullException.ThrowIfNull(couplings);
        ArgumentNullException.ThrowIfNull(biases);
        int n = biases.Length;
        if (n == 0 || couplings.Length != n * n)
        {
            throw new ArgumentException($"Couplings must be {n}×{n} = {n * n} values for {n} biases, got {couplings.Length}.", nameof(couplings));
        }
        for (int i = 0; i < n; i++)
        {
            if (couplings[(i * n) + i] != 0)
            {
                throw new ArgumentException($"Coupling J[{i},{i}] must be 0 (no self-coupling), got {couplings[(i * n) + i]}.", nameof(couplings));
            }
            for (int k = 0; k < n; k++)
            {
                if (!double.IsFinite(couplings[(i * n) + k]) || couplings[(i * n) + k] != couplings[(k * n) + i])
                {
                    throw new ArgumentException($"Couplings must be finite and symmetric: J[{i},{k}] = {couplings[(i * n) + k]}, J[{k},{i}] = {couplings[(k * n) + i]}.", nameof(couplings));
                }
            }
        }
        if (!double.IsFinite(beta) || beta < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(beta), $"Inverse temperature β must be finite and ≥ 0, got {beta}.");
        }
        _j = (double[])couplings.Clone();
        _h = (double[])biases.Clone();
        _m = new int[n];
        _lastRead = new long[n];
        Array.Fill(_m, 1);
        Beta = beta;
    }

    /// <summary>
    /// A random Ising model of <paramref name="count"/> spins, biases h_i ~ U(−0.5, 0.5) and all-to-all couplings
    /// J_ij ~ U(−1, 1) (a small spin glass, drawn row by row from <paramref name="rng"/>).
    /// </summary>
    public static PBitNetwork Random(int count, double beta, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var j = new double[count * count];
        var h = new double[count];
        for (int i = 0; i < count; i++)
        {
            h[i] = rng.Uniform(-0.5, 0.5);
            for (int k = i + 1; k < count; k++)
            {
                j[(i * count) + k] = j[(k * count) + i] = rng.Uniform(-1, 1);
            }
        }
        return new PBitNetwork(j, h, beta);
    }

    /// <summary>Number of p-bits.</summary>
    public int Count => _h.Length;

    /// <summary>MACs a synapse needs per update: Σ_{j≠i} J_ij m_j, n − 1 (the bias is the accumulator's start value).</summary>
    public int SynapseMacsPerUpdate => Count - 1;

    /// <summary>Words a synapse reads per update: the n − 1 couplings of row i and the bias h_i.</summary>
    public int SynapseReadsPerUpdate => Count;

    /// <summary>Inverse temperature β (the p-bit input gain).</summary>
    public double Beta { get; set; }

    /// <summary>Present states, ±1.</summary>
    public ReadOnlySpan<int> States => _m;

    /// <summary>Sets the states to random ±1.</summary>
    public void Randomize(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int i = 0; i < _m.Length; i++)
        {
            _m[i] = rng.NextDouble() < 0.5 ? -1 : 1;
        }
    }

    /// <summary>The p-bit input I_i = β (Σ_j J_ij m_j + h_i).</summary>
    public double Input(int i)
    {
        int n = Count;
        double s = _h[i];
        for (int k = 0; k < n; k++)
        {
            s += _j[(i * n) + k] * _m[k];
        }
        return Beta * s;
    }

    /// <summary>
    /// The stochastic MTJs behind the p-bits, or null for ideal p-bits (independent reads of tanh I). With devices, each
    /// update reads device i after the time since its last read, one <see cref="UpdateSeconds"/> per update of the network,
    /// at the present input (held since that read: the synapse refreshes I_i on every update).
    /// </summary>
    public StochasticMtjPBits? Devices
    {
        get => _devices;
        set
        {
            if (value is not null && value.Count != Count)
            {
                throw new ArgumentException($"Devices: {value.Count} sMTJs for {Count} p-bits.", nameof(value));
            }
            _devices = value;
        }
    }

    /// <summary>Time of one p-bit update, s (the clock that sets how far the sMTJs fluctuate between reads; 10 ns, <see cref="Costs.PBitCostModel.UpdateSeconds"/>).</summary>
    public double UpdateSeconds
    {
        get => _updateSeconds;
        set
        {
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(UpdateSeconds), $"Update time must be finite and > 0 s, got {value}.");
            }
            _updateSeconds = value;
        }
    }

    /// <summary>Updates p-bit <paramref name="i"/>: m_i = sgn(tanh(I_i) − r), r ~ U(−1, 1), or a read of its sMTJ (<see cref="Devices"/>).</summary>
    public void Update(int i, Rng rng)
    {
        if (_devices is null)
        {
            _m[i] = Fire(Input(i), rng);
            return;
        }
        _updates++;
        _m[i] = _devices.Read(i, _m[i], Input(i), (_updates - _lastRead[i]) * _updateSeconds, rng);
        _lastRead[i] = _updates;
    }

    /// <summary>
    /// One p-bit decision sgn(tanh(I) − r), r ~ U(−1, 1), drawn from one uniform u = (1 + r)/2 ∈ [0, 1) and
    /// evaluated as u (1 + e^{−2I}) ≤ 1: the same event, since tanh I ≥ r ⇔ (1 + tanh I)/2 = 1/(1 + e^{−2I}) ≥ u,
    /// with one exp instead of a tanh (about 10 ns less per update). Overflow is harmless: e^{−2I} = ∞ gives −1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Fire(double input, Rng rng) => rng.NextDouble() * (1 + Math.Exp(-2 * input)) <= 1 ? 1 : -1;

    /// <summary>One sweep: <see cref="Count"/> asynchronous updates of randomly chosen p-bits.</summary>
    public void Sweep(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        for (int k = 0; k < _m.Length; k++)
        {
            Update(rng.NextInt(_m.Length), rng);
        }
    }

    /// <summary>Ising energy E(m) of state index <paramref name="state"/> (bit i set ⇔ m_i = +1).</summary>
    public double Energy(int state)
    {
        int n = Count;
        double e = 0;
        for (int i = 0; i < n; i++)
        {
            int mi = ((state >> i) & 1) == 1 ? 1 : -1;
            e -= _h[i] * mi;
            for (int k = i + 1; k < n; k++)
            {
                int mk = ((state >> k) & 1) == 1 ? 1 : -1;
                e -= _j[(i * n) + k] * mi * mk;
            }
        }
        return e;
    }

    /// <summary>The state index of the present states (bit i set ⇔ m_i = +1).</summary>
    public int StateIndex()
    {
        int s = 0;
        for (int i = 0; i < _m.Length; i++)
        {
            if (_m[i] > 0)
            {
                s |= 1 << i;
            }
        }
        return s;
    }

    /// <summary>The exact Boltzmann distribution by enumerating all 2^n states (n ≤ 20).</summary>
    public double[] ExactBoltzmann()
    {
        if (Count > 20)
        {
            throw new InvalidOperationException($"Exact enumeration is limited to 20 p-bits, this network has {Count}.");
        }
        int states = 1 << Count;
        var p = new double[states];
        double emin = double.PositiveInfinity;
        for (int s = 0; s < states; s++)
        {
            p[s] = Energy(s);
            emin = Math.Min(emin, p[s]);
        }
        double z = 0;
        for (int s = 0; s < states; s++)
        {
            p[s] = Math.Exp(-Beta * (p[s] - emin));
            z += p[s];
        }
        for (int s = 0; s < states; s++)
        {
            p[s] /= z;
        }
        return p;
    }

    /// <summary>Empirical state distribution over <paramref name="sweeps"/> sweeps after <paramref name="burnIn"/> sweeps (n ≤ 20).</summary>
    public double[] SampleHistogram(int sweeps, int burnIn, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (Count > 20)
        {
            throw new InvalidOperationException($"A state histogram is limited to 20 p-bits, this network has {Count}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sweeps);
        var counts = new double[1 << Count];
        Randomize(rng);
        for (int t = 0; t < burnIn; t++)
        {
            Sweep(rng);
        }
        for (int t = 0; t < sweeps; t++)
        {
            Sweep(rng);
            counts[StateIndex()]++;
        }
        for (int s = 0; s < counts.Length; s++)
        {
            counts[s] /= sweeps;
        }
        return counts;
    }

    /// <summary>Kullback–Leibler divergence KL(p ‖ q) = Σ p ln(p/q), in nats; terms with p = 0 contribute 0.</summary>
    public static double KlDivergence(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException($"Distributions differ in length: {p.Length} and {q.Length}.", nameof(q));
        }
        double kl = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] > 0)
            {
                kl += q[i] > 0 ? p[i] * Math.Log(p[i] / q[i]) : double.PositiveInfinity;
            }
        }
        return kl;
    }
}
