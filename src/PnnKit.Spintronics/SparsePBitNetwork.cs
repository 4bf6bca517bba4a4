using PnnKit.Core.Random;

namespace PnnKit.Spintronics;

/// <summary>
/// A p-bit network with sparse symmetric couplings in compressed-row form, for large networks (the issue's
/// 1,000-spin benchmark). Same update rule as <see cref="PBitNetwork"/>: m_i = sgn(tanh(β(Σ_j J_ij m_j + h_i)) − r).
/// </summary>
public sealed class SparsePBitNetwork
{
    private readonly int[] _rowStart;
    private readonly int[] _col;
    private readonly double[] _val;
    private readonly double[] _h;
    private readonly int[] _m;

    /// <summary>A network of <paramref name="biases"/>.Length p-bits with the undirected <paramref name="edges"/> (i, j, J_ij), i ≠ j.</summary>
    public SparsePBitNetwork(IReadOnlyList<(int I, int J, double W)> edges, double[] biases, double beta = 1)
    {
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(biases);
        if (!double.IsFinite(beta) || beta < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(beta), $"Inverse temperature β must be finite and ≥ 0, got {beta}.");
        }
        int n = biases.Length;
        var degree = new int[n + 1];
        foreach (var (i, j, w) in edges)
        {
            if (i == j || i < 0 || j < 0 || i >= n || j >= n || !double.IsFinite(w))
            {
                throw new ArgumentException($"Edge ({i}, {j}, {w}) is invalid for {n} p-bits (no self-loops, indices in range, finite weight).", nameof(edges));
            }
            degree[i + 1]++;
            degree[j + 1]++;
        }
        for (int i = 0; i < n; i++)
        {
            degree[i + 1] += degree[i];
        }
        _rowStart = degree;
        _col = new int[degree[n]];
        _val = new double[degree[n]];
        var fill = (int[])degree.Clone();
        foreach (var (i, j, w) in edges)
        {
            _col[fill[i]] = j;
            _val[fill[i]++] = w;
            _col[fill[j]] = i;
            _val[fill[j]++] = w;
        }
        _h = (double[])biases.Clone();
        _m = new int[n];
        Array.Fill(_m, 1);
        Beta = beta;
    }

    /// <summary>Number of p-bits.</summary>
    public int Count => _h.Length;

    /// <summary>Inverse temperature β.</summary>
    public double Beta { get; set; }

    /// <summary>Present states.</summary>
    public ReadOnlySpan<int> States => _m;

    /// <summary>
    /// One sweep of <see cref="Count"/> asynchronous updates in random order. Allocation-free; the arrays are held
    /// in locals so the JIT keeps them in registers, and the decision is <see cref="PBitNetwork.Fire"/>.
    /// </summary>
    public void Sweep(Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        int[] rowStart = _rowStart, col = _col, m = _m;
        double[] val = _val, h = _h;
        double beta = Beta;
        int n = m.Length;
        for (int k = 0; k < n; k++)
        {
            int i = rng.NextInt(n);
            double s = h[i];
            int end = rowStart[i + 1];
            for (int e = rowStart[i]; e < end; e++)
            {
                s += val[e] * m[col[e]];
            }
            m[i] = PBitNetwork.Fire(beta * s, rng);
        }
    }

    /// <summary>A random sparse network: each p-bit coupled to about <paramref name="degree"/> others with J ~ U(−1, 1).</summary>
    public static SparsePBitNetwork Random(int count, int degree, double beta, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var edges = new List<(int, int, double)>();
        var seen = new HashSet<long>();
        int target = count * degree / 2;
        while (edges.Count < target)
        {
            int i = rng.NextInt(count), j = rng.NextInt(count);
            if (i == j || !seen.Add(((long)Math.Min(i, j) * count) + Math.Max(i, j)))
            {
                continue;
            }
            edges.Add((i, j, rng.Uniform(-1, 1)));
        }
        var h = new double[count];
        rng.FillUniform<double>(h, -0.1, 0.1);
        return new SparsePBitNetwork(edges, h, beta);
    }
}
