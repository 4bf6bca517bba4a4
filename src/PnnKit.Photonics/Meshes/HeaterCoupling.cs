namespace PnnKit.Photonics.Meshes;

/// <summary>The heater-to-heater kernel of one mesh, sparse (CSR), symmetric, zero on the diagonal.</summary>
internal sealed class HeaterCoupling
{
    private readonly int[] _start;
    private readonly int[] _source;
    private readonly double[] _weight;

    public HeaterCoupling(List<(int Source, double Weight)>[] neighbours)
    {
        _start = new int[neighbours.Length + 1];
        for (int h = 0; h < neighbours.Length; h++)
        {
            _start[h + 1] = _start[h] + neighbours[h].Count;
        }
        _source = new int[_start[^1]];
        _weight = new double[_start[^1]];
        for (int h = 0, k = 0; h < neighbours.Length; h++)
        {
            foreach (var (s, w) in neighbours[h].OrderBy(n => n.Source))
            {
                _source[k] = s;
                _weight[k++] = w;
            }
        }
    }

    /// <summary>Heaters in the map.</summary>
    public int Heaters => _start.Length - 1;

    /// <summary>K_ij (0 where dropped or i = j).</summary>
    public double Weight(int i, int j)
    {
        for (int k = _start[i]; k < _start[i + 1]; k++)
        {
            if (_source[k] == j)
            {
                return _weight[k];
            }
        }
        return 0;
    }

    /// <summary>
    /// The realized phases: θ (heaters 0..M−1) and φ (M..2M−1) each plus Σ_j K_ij·wrap(φ_j). With
    /// <paramref name="adjoint"/> the same symmetric map on gradients, unwrapped (∂wrap/∂φ = 1 almost everywhere).
    /// </summary>
    public void Apply(double[] theta, double[] phi, bool adjoint)
    {
        int m = theta.Length;
        var src = new double[2 * m];
        for (int i = 0; i < m; i++)
        {
            src[i] = adjoint ? theta[i] : Components.ThermoOpticPhaseShifter.Wrap(theta[i]);
            src[m + i] = adjoint ? phi[i] : Components.ThermoOpticPhaseShifter.Wrap(phi[i]);
        }
        for (int h = 0; h < 2 * m; h++)
        {
            double leak = 0;
            for (int k = _start[h]; k < _start[h + 1]; k++)
            {
                leak += _weight[k] * src[_source[k]];
            }
            if (h < m)
            {
                theta[h] += leak;
            }
            else
            {
                phi[h - m] += leak;
            }
        }
    }
}
