using PnnKit.Core.Random;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>
/// The digital baseline of a physical reservoir: an echo-state network (Jaeger, GMD Report 148 (2001)) of
/// <see cref="Nodes"/> tanh units, x(t) = tanh(W x(t−1) + s w_in u(t)), with W dense Gaussian rescaled to spectral radius ρ
/// and w_in ~ U(−1, 1). Its states feed the same ridge readout as the oscillator's virtual nodes.
/// </summary>
public sealed class EchoStateNetwork
{
    private readonly double[] _w;
    private readonly double[] _win;

    /// <summary>A network of <paramref name="nodes"/> units at spectral radius <paramref name="spectralRadius"/> and input scale <paramref name="inputScale"/>, weights from <paramref name="rng"/>.</summary>
    public EchoStateNetwork(int nodes, double spectralRadius, double inputScale, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        if (!double.IsFinite(spectralRadius) || spectralRadius <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spectralRadius), $"Spectral radius must be finite and > 0, got {spectralRadius}.");
        }
        if (!double.IsFinite(inputScale) || inputScale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputScale), $"Input scale must be finite and > 0, got {inputScale}.");
        }
        Nodes = nodes;
        _w = new double[nodes * nodes];
        _win = new double[nodes];
        for (int k = 0; k < _w.Length; k++)
        {
            _w[k] = rng.Normal();
        }
        for (int i = 0; i < nodes; i++)
        {
            _win[i] = inputScale * rng.Uniform(-1, 1);
        }
        double scale = spectralRadius / SpectralRadius(_w, nodes, rng);
        for (int k = 0; k < _w.Length; k++)
        {
            _w[k] *= scale;
        }
    }

    /// <summary>Units.</summary>
    public int Nodes { get; }

    /// <summary>Runs the input sequence from x = 0 and returns the states, [inputs.Length × Nodes] row-major.</summary>
    public double[] Run(ReadOnlySpan<double> inputs)
    {
        int n = Nodes;
        var states = new double[inputs.Length * n];
        var x = new double[n];
        var next = new double[n];
        for (int t = 0; t < inputs.Length; t++)
        {
            for (int i = 0; i < n; i++)
            {
                double s = _win[i] * inputs[t];
                for (int k = 0; k < n; k++)
                {
                    s += _w[(i * n) + k] * x[k];
                }
                next[i] = Math.Tanh(s);
            }
            (x, next) = (next, x);
            x.CopyTo(states, t * n);
        }
        return states;
    }

    /// <summary>
    /// ρ(W) = lim ‖W^k v‖^{1/k} (Gelfand's formula): the mean log growth of a renormalised power iteration over
    /// iterations 200–400, which converges for complex dominant pairs as well.
    /// </summary>
    public static double SpectralRadius(double[] w, int n, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(rng);
        var v = new double[n];
        var u = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = rng.Normal();
        }
        double logGrowth = 0;
        const int Skip = 200, Count = 200;
        for (int it = 0; it < Skip + Count; it++)
        {
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += w[(i * n) + k] * v[k];
                }
                u[i] = s;
                norm += s * s;
            }
            norm = Math.Sqrt(norm);
            for (int i = 0; i < n; i++)
            {
                v[i] = u[i] / norm;
            }
            if (it >= Skip)
            {
                logGrowth += Math.Log(norm);
            }
        }
        return Math.Exp(logGrowth / Count);
    }
}
