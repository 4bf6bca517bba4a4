using PnnKit.Networks.Solvers;

namespace PnnKit.Networks;

/// <summary>
/// A diode between nodes <see cref="Anode"/> and <see cref="Cathode"/> obeying the Shockley equation
/// I = I_s (exp(V/(n V_T)) − 1), V = V_anode − V_cathode.
/// </summary>
public readonly record struct Diode(int Anode, int Cathode)
{
    /// <summary>Saturation current I_s in A. Default 2.52 nA: 1N4148 SPICE model (IS=2.52n, N=1.752; Vishay/ON Semi model card).</summary>
    public double SaturationCurrent { get; init; } = 2.52e-9;

    /// <summary>Ideality factor n. Default 1.752: 1N4148 SPICE model (same card).</summary>
    public double Ideality { get; init; } = 1.752;

    /// <summary>Thermal voltage k_B T/q in V at 300 K (CODATA k_B and q).</summary>
    public const double ThermalVoltage = 0.025852;

    /// <summary>Current and small-signal conductance at forward voltage <paramref name="v"/>; exp is continued linearly above 40 n V_T to avoid overflow.</summary>
    public (double Current, double Conductance) Evaluate(double v)
    {
        double nvt = Ideality * ThermalVoltage;
        double x = v / nvt;
        const double Cap = 40;
        if (x <= Cap)
        {
            double ex = Math.Exp(x);
            return (SaturationCurrent * (ex - 1), SaturationCurrent * ex / nvt);
        }
        double ec = Math.Exp(Cap);
        return (SaturationCurrent * ((ec * (1 + x - Cap)) - 1), SaturationCurrent * ec / nvt);
    }
}

/// <summary>
/// A resistor network, optionally with diodes: node voltages from Kirchhoff's current law
/// G V = I on the free nodes, grounded nodes at 0 V, source nodes held at given voltages. Linear
/// networks solve in one factorization; with diodes, damped Newton iterations (Newton–Raphson with
/// backtracking on the current residual) converge to the nonlinear operating point.
/// </summary>
public sealed class ResistorNetwork
{
    private readonly Diode[] _diodes;
    private readonly EquilibriumNetwork _withDiodes;

    /// <summary>A network of resistors on <paramref name="graph"/> plus <paramref name="diodes"/>.</summary>
    public ResistorNetwork(NetworkGraph graph, IEnumerable<Diode>? diodes = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        Engine = new EquilibriumNetwork(graph, vector: false);
        _diodes = diodes?.ToArray() ?? [];
        // The Newton Jacobian is the Laplacian of resistors and diodes together (diodes as their
        // small-signal conductances); a diode parallel to a resistor is reported as a duplicate edge.
        var all = graph.Edges.Concat(_diodes.Select(d => new Edge(d.Anode, d.Cathode)));
        try
        {
            _withDiodes = new EquilibriumNetwork(new NetworkGraph(graph.NodeCount, all, graph.FixedNodes), vector: false);
        }
        catch (NetworkException ex)
        {
            throw new NetworkException($"Invalid diode placement: {ex.Message} (edges from {graph.EdgeCount} on are diodes).", ex);
        }
    }

    /// <summary>The linear (resistor) engine.</summary>
    public EquilibriumNetwork Engine { get; }

    /// <summary>The graph of resistors.</summary>
    public NetworkGraph Graph => Engine.Graph;

    /// <summary>The diodes.</summary>
    public IReadOnlyList<Diode> Diodes => _diodes;

    /// <summary>
    /// Node voltages with conductances <paramref name="g"/> (S), voltage sources at
    /// <paramref name="sourceNodes"/> held at <paramref name="sourceVolts"/>, and injected currents
    /// <paramref name="currents"/> (A per node; may be empty).
    /// </summary>
    public double[] Solve(ReadOnlySpan<double> g, IReadOnlyList<int> sourceNodes, ReadOnlySpan<double> sourceVolts, ReadOnlySpan<double> currents = default, int maxNewtonIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(sourceNodes);
        int n = Graph.NodeCount;
        var held = Held(sourceNodes, sourceVolts);
        var inj = currents.Length == 0 ? new double[n] : currents.ToArray();
        if (_diodes.Length == 0)
        {
            return Engine.Factor(g, sourceNodes).Solve(inj, held);
        }
        Engine.CheckWeights(g, "conductance");
        var weights = new double[_withDiodes.EdgeCount];
        g.CopyTo(weights);
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = held[i];
        }
        var zeros = new double[n];
        double res = ResidualNorm(g, v, inj, sourceNodes, out var r);
        for (int it = 0; it < maxNewtonIterations; it++)
        {
            for (int d = 0; d < _diodes.Length; d++)
            {
                var (_, gd) = _diodes[d].Evaluate(v[_diodes[d].Anode] - v[_diodes[d].Cathode]);
                weights[g.Length + d] = Math.Max(gd, 1e-300);
            }
            var step = _withDiodes.Factor(weights, sourceNodes).Solve(r.Select(x => -x).ToArray(), zeros);
            double t = 1;
            double[] trial;
            double trialRes;
            while (true)
            {
                trial = new double[n];
                for (int i = 0; i < n; i++)
                {
                    trial[i] = v[i] + (t * step[i]);
                }
                trialRes = ResidualNorm(g, trial, inj, sourceNodes, out var rt);
                if (trialRes <= (1 - (1e-4 * t)) * res || t < 1e-8)
                {
                    r = rt;
                    break;
                }
                t *= 0.5;
            }
            double move = step.Max(Math.Abs) * t;
            v = trial;
            res = trialRes;
            if (move < 1e-13 || res < 1e-15)
            {
                return v;
            }
        }
        throw new NetworkException($"Damped Newton did not converge in {maxNewtonIterations} iterations (current residual {res:G3} A).");
    }

    /// <summary>
    /// In-situ gradient of a loss with respect to the resistor conductances at the operating point
    /// <paramref name="v"/> (linear or with diodes): inject the adjoint currents −∂L/∂V at the outputs
    /// into the network linearised at <paramref name="v"/> (diodes as their small-signal conductances,
    /// sources shorted to 0 V), read the adjoint drops e′; then ∂L/∂gⱼ = eⱼ e′ⱼ. Exact: from
    /// R(V, g) = G V + I_d(V) − I = 0, dV/dgⱼ = −J⁻¹ cⱼ eⱼ with J the Jacobian.
    /// </summary>
    public double[] InSituGradient(ReadOnlySpan<double> g, IReadOnlyList<int> sourceNodes, ReadOnlySpan<double> v, ReadOnlySpan<double> dLossdV)
    {
        ArgumentNullException.ThrowIfNull(sourceNodes);
        Engine.CheckWeights(g, "conductance");
        var weights = new double[_withDiodes.EdgeCount];
        g.CopyTo(weights);
        for (int d = 0; d < _diodes.Length; d++)
        {
            weights[g.Length + d] = Math.Max(_diodes[d].Evaluate(v[_diodes[d].Anode] - v[_diodes[d].Cathode]).Conductance, 1e-300);
        }
        var adjoint = new double[Graph.NodeCount];
        for (int i = 0; i < adjoint.Length; i++)
        {
            adjoint[i] = -dLossdV[i];
        }
        var va = _withDiodes.Factor(weights, sourceNodes).Solve(adjoint);
        var grad = new double[g.Length];
        for (int j = 0; j < grad.Length; j++)
        {
            grad[j] = Engine.Elongation(j, v) * Engine.Elongation(j, va);
        }
        return grad;
    }

    /// <summary>
    /// Kirchhoff residual at every node: the current leaving through resistors and diodes minus the
    /// injected current. Zero at free nodes at the operating point; at sources and ground it is the
    /// current the source supplies (with a minus sign).
    /// </summary>
    public double[] CurrentResidual(ReadOnlySpan<double> g, ReadOnlySpan<double> v, ReadOnlySpan<double> currents = default)
    {
        int n = Graph.NodeCount;
        var r = new double[n];
        var t = new double[g.Length];
        for (int j = 0; j < g.Length; j++)
        {
            t[j] = g[j] * Engine.Elongation(j, v); // current from B to A through resistor j
        }
        Engine.AddTransposed(t, r); // Cᵀ(G e) = G V: current leaving each node through resistors
        foreach (var d in _diodes)
        {
            var (i, _) = d.Evaluate(v[d.Anode] - v[d.Cathode]);
            r[d.Anode] += i;
            r[d.Cathode] -= i;
        }
        for (int i = 0; i < currents.Length; i++)
        {
            r[i] -= currents[i];
        }
        return r;
    }

    /// <summary>Power dissipated in the resistors, Σ G ΔV² (W).</summary>
    public double DissipatedPower(ReadOnlySpan<double> g, ReadOnlySpan<double> v)
    {
        double p = 0;
        for (int j = 0; j < g.Length; j++)
        {
            double dv = Engine.Elongation(j, v);
            p += g[j] * dv * dv;
        }
        foreach (var d in _diodes)
        {
            double dv = v[d.Anode] - v[d.Cathode];
            p += d.Evaluate(dv).Current * dv;
        }
        return p;
    }

    private double[] Held(IReadOnlyList<int> sourceNodes, ReadOnlySpan<double> sourceVolts)
    {
        if (sourceVolts.Length != sourceNodes.Count)
        {
            throw new NetworkException($"{sourceNodes.Count} source nodes but {sourceVolts.Length} source voltages.");
        }
        var held = new double[Graph.NodeCount];
        for (int s = 0; s < sourceNodes.Count; s++)
        {
            int node = sourceNodes[s];
            if ((uint)node >= (uint)held.Length)
            {
                throw new NetworkException($"Source node {node} does not exist; the network has nodes 0..{held.Length - 1}.");
            }
            if (Graph.IsFixed(node))
            {
                throw new NetworkException($"Source node {node} is also grounded.");
            }
            held[node] = sourceVolts[s];
        }
        return held;
    }

    private double ResidualNorm(ReadOnlySpan<double> g, double[] v, double[] inj, IReadOnlyList<int> sources, out double[] r)
    {
        r = CurrentResidual(g, v, inj);
        foreach (int f in Graph.FixedNodes)
        {
            r[f] = 0;
        }
        foreach (int s in sources)
        {
            r[s] = 0;
        }
        double m = 0;
        foreach (double x in r)
        {
            m += x * x;
        }
        return Math.Sqrt(m);
    }
}
