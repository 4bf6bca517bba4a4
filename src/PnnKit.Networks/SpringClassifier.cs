using PnnKit.Core.Costs;
using PnnKit.Core.Random;

namespace PnnKit.Networks;

/// <summary>A force input: features drive forces of <see cref="Scale"/> newtons per unit at a node, along a unit direction.</summary>
public readonly record struct ForcePort(int Node, double DirectionX, double DirectionY, double Scale = 1.0);

/// <summary>
/// A spring lattice used as a classifier (Li &amp; Mao 2024): each feature is a force at an input node,
/// the measured outputs are displacement components of output nodes, and the predicted class is the
/// output that moved most. Training uses in-situ backpropagation: one factorization per parameter
/// update, a forward and an adjoint equilibrium per example, gradient ∂L/∂kⱼ = eⱼ e′ⱼ, then
/// ∂L/∂θⱼ = ∂L/∂kⱼ · dk/dθ through the bounded reparametrization.
/// The loss is softmax cross-entropy on logits = <see cref="ReadoutGain"/> × displacement (the
/// readout gain is a digital scale applied after the displacement sensor).
/// </summary>
public sealed class SpringClassifier
{
    private double[] _theta;
    private double[] _m;
    private double[] _v;
    private int _step;

    /// <summary>A classifier on <paramref name="network"/> with inputs and measured output unknowns.</summary>
    public SpringClassifier(SpringNetwork network, IReadOnlyList<ForcePort> inputs, IReadOnlyList<int> outputDofs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputDofs);
        Network = network;
        Inputs = [.. inputs];
        Outputs = [.. outputDofs];
        foreach (var p in Inputs)
        {
            if (p.Node < 0 || p.Node >= network.Graph.NodeCount || network.Graph.IsFixed(p.Node))
            {
                throw new NetworkException($"Input node {p.Node} must exist and be free (a force on a pinned node does nothing).");
            }
        }
        foreach (int d in Outputs)
        {
            int node = d / network.Engine.DofsPerNode;
            if (node < 0 || node >= network.Graph.NodeCount)
            {
                throw new NetworkException($"Output unknown {d} does not exist.");
            }
            if (network.Graph.IsFixed(node))
            {
                throw new NetworkException($"Output node {node} is also fixed: its displacement is always zero.");
            }
        }
        var rng = new Rng(seed);
        _theta = new double[network.Graph.EdgeCount];
        for (int j = 0; j < _theta.Length; j++)
        {
            _theta[j] = rng.Normal(0, 0.5);
        }
        _m = new double[_theta.Length];
        _v = new double[_theta.Length];
        ReadoutGain = network.Bounds.Min; // logits of order one for 1 N forces on bonds of k_min
        _sensor = new Rng(seed).Split("sensor noise");
    }

    private Rng _sensor;

    /// <summary>
    /// Standard deviation of every displacement and elongation reading, m (0: ideal readings): the training readings
    /// (output displacements, forward and adjoint elongations) and the readout of each prediction.
    /// </summary>
    public double SensorNoise
    {
        get;
        init
        {
            if (!(value >= 0) || !double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(SensorNoise), $"SensorNoise must be finite and ≥ 0 m; got {value}.");
            }
            field = value;
        }
    }

    private double Read(double x) => SensorNoise > 0 ? x + _sensor.Normal(0, SensorNoise) : x;

    /// <summary>The lattice.</summary>
    public SpringNetwork Network { get; private set; }

    /// <summary>Force inputs, one per feature.</summary>
    public IReadOnlyList<ForcePort> Inputs { get; }

    /// <summary>Measured unknowns, one per class.</summary>
    public IReadOnlyList<int> Outputs { get; }

    /// <summary>Logit per metre of output displacement.</summary>
    public double ReadoutGain { get; set; }

    /// <summary>Unconstrained design variables (one per bond).</summary>
    public IReadOnlyList<double> Theta => _theta;

    /// <summary>Moves design variable <paramref name="edge"/> by <paramref name="delta"/> (finite-difference checks, hand-set designs).</summary>
    public void MoveTheta(int edge, double delta) => _theta[edge] += delta;

    /// <summary>Current bond stiffnesses k(θ).</summary>
    public double[] Stiffness() => _theta.Select(Network.Bounds.Value).ToArray();

    /// <summary>Equilibria solved so far (forward and adjoint), a count of physical experiments.</summary>
    public long Equilibria { get; private set; }

    /// <summary>An independent copy (same design, same optimizer state).</summary>
    public SpringClassifier Clone()
    {
        var c = (SpringClassifier)MemberwiseClone();
        c._sensor = _sensor.Split("clone");
        c._theta = (double[])_theta.Clone();
        c._m = (double[])_m.Clone();
        c._v = (double[])_v.Clone();
        return c;
    }

    /// <summary>Cuts bond <paramref name="edge"/> (damage); the remaining bonds keep their design values.</summary>
    public void CutBond(int edge)
    {
        var graph = Network.Graph.WithoutEdge(edge);
        var cut = new SpringNetwork(graph, Network.Material);
        _ = cut.Engine.Factor(Stiffness().Where((_, j) => j != edge).ToArray()); // throws ZeroModeException when floppy
        Network = cut;
        _theta = _theta.Where((_, j) => j != edge).ToArray();
        _m = new double[_theta.Length];
        _v = new double[_theta.Length];
        _step = 0;
    }

    /// <summary>Forces for one example.</summary>
    public double[] Loads(ReadOnlySpan<double> features)
    {
        var f = new double[Network.Engine.DofCount];
        for (int i = 0; i < Inputs.Count; i++)
        {
            var p = Inputs[i];
            f[Network.Engine.Dof(p.Node, 0)] += p.Scale * features[i] * p.DirectionX;
            f[Network.Engine.Dof(p.Node, 1)] += p.Scale * features[i] * p.DirectionY;
        }
        return f;
    }

    /// <summary>Actuation and sensing costs charged per inference when a ledger is given.</summary>
    public NetworkCostModel Costs { get; init; } = new();

    /// <summary>Predicted class per row of <paramref name="features"/> ([n, inputs], row-major); each inference is charged to <paramref name="ledger"/>.</summary>
    public int[] Predict(double[] features, int count, CostLedger? ledger = null)
    {
        var solver = Network.Engine.Factor(Stiffness());
        int d = Inputs.Count;
        var pred = new int[count];
        for (int s = 0; s < count; s++)
        {
            var loads = Loads(features.AsSpan(s * d, d));
            var u = solver.Solve(loads);
            Equilibria++;
            if (ledger is not null)
            {
                Costs.ChargeMechanical(ledger, loads, u);
                ledger.RecordInferences(1);
            }
            var reading = Outputs.Select(o => Read(u[o])).ToArray();
            int best = 0;
            for (int o = 1; o < reading.Length; o++)
            {
                if (reading[o] > reading[best])
                {
                    best = o;
                }
            }
            pred[s] = best;
        }
        return pred;
    }

    /// <summary>Fraction of correct predictions.</summary>
    public double Accuracy(double[] features, int[] labels, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var p = Predict(features, labels.Length, ledger);
        return p.Zip(labels).Count(t => t.First == t.Second) / (double)labels.Length;
    }

    /// <summary>Mean cross-entropy and its gradient with respect to θ, by in-situ backpropagation, every reading through <see cref="SensorNoise"/>.</summary>
    public (double Loss, double[] Gradient) LossAndGradient(double[] features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var engine = Network.Engine;
        var k = Stiffness();
        var solver = engine.Factor(k);
        int d = Inputs.Count, n = labels.Length, c = Outputs.Count;
        var gk = new double[k.Length];
        double loss = 0;
        var z = new double[c];
        for (int s = 0; s < n; s++)
        {
            var u = solver.Solve(Loads(features.AsSpan(s * d, d)));
            for (int o = 0; o < c; o++)
            {
                z[o] = ReadoutGain * Read(u[Outputs[o]]);
            }
            double max = z.Max(), sum = 0;
            for (int o = 0; o < c; o++)
            {
                sum += Math.Exp(z[o] - max);
            }
            loss += max + Math.Log(sum) - z[labels[s]];
            // Adjoint force −∂L/∂u at the outputs.
            var adjoint = new double[engine.DofCount];
            for (int o = 0; o < c; o++)
            {
                double dz = (Math.Exp(z[o] - max) / sum) - (o == labels[s] ? 1 : 0);
                adjoint[Outputs[o]] = -ReadoutGain * dz / n;
            }
            // Read through noise, the adjoint load is applied at most 1 N (the inputs' range) and its elongations scaled back,
            // so the noise acts on readings of the size the lattice really shows (as MechanicalRegression does).
            double scale = SensorNoise > 0 ? adjoint.Max(Math.Abs) : 1;
            Equilibria += 2;
            if (scale == 0)
            {
                continue;
            }
            var ua = solver.Solve(scale == 1 ? adjoint : [.. adjoint.Select(f => f / scale)]);
            for (int j = 0; j < gk.Length; j++)
            {
                gk[j] += Read(engine.Elongation(j, u)) * Read(engine.Elongation(j, ua)) * scale;
            }
        }
        for (int j = 0; j < gk.Length; j++)
        {
            gk[j] *= Network.Bounds.Derivative(_theta[j]);
        }
        return (loss / n, gk);
    }

    /// <summary>One full-batch Adam step (Kingma &amp; Ba 2015, β₁ = 0.9, β₂ = 0.999) on θ; returns the loss before the step.</summary>
    public double TrainStep(double[] features, int[] labels, double learningRate)
    {
        var (loss, g) = LossAndGradient(features, labels);
        _step++;
        double b1 = 1 - Math.Pow(0.9, _step), b2 = 1 - Math.Pow(0.999, _step);
        for (int j = 0; j < _theta.Length; j++)
        {
            _m[j] = (0.9 * _m[j]) + (0.1 * g[j]);
            _v[j] = (0.999 * _v[j]) + (0.001 * g[j] * g[j]);
            _theta[j] -= learningRate * (_m[j] / b1) / (Math.Sqrt(_v[j] / b2) + 1e-8);
        }
        return loss;
    }
}
