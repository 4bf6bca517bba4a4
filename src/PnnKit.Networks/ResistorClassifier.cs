using PnnKit.Core.Costs;
namespace PnnKit.Networks;

/// <summary>
/// A linear resistor network trained by coupled learning (Stern et al., PRX 2021), the local rule that
/// self-learning circuits implement (Dillavou et al., Phys. Rev. Applied 18, 014040, 2022). Features
/// are voltages at source nodes, the outputs are node voltages, the predicted class is the highest
/// output. Each update compares a free state with a clamped state (outputs pushed a fraction η of the
/// way to their targets) and changes every conductance using only its own voltage drops:
/// Δgⱼ = −α (ΔV_C,ⱼ² − ΔV_F,ⱼ²)/(2η), then clipped to [g_min, g_max].
/// </summary>
public sealed class ResistorClassifier
{
    private double[] _g;
    private int[]? _taps;
    private double[] _offsets = [];

    /// <summary>A classifier on <paramref name="network"/>, with conductances initialised to <paramref name="initial"/>.</summary>
    public ResistorClassifier(ResistorNetwork network, IReadOnlyList<int> sourceNodes, IReadOnlyList<int> outputNodes, double initial, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sourceNodes);
        ArgumentNullException.ThrowIfNull(outputNodes);
        if (!(min > 0 && min <= initial && initial <= max))
        {
            throw new NetworkException($"Conductance bounds must satisfy 0 < g_min ≤ g_init ≤ g_max, got {min}, {initial}, {max}.");
        }
        Network = network;
        Sources = [.. sourceNodes];
        Outputs = [.. outputNodes];
        foreach (int o in Outputs)
        {
            if (network.Graph.IsFixed(o))
            {
                throw new NetworkException($"Output node {o} is also grounded: its voltage is always zero.");
            }
            if (Sources.Contains(o))
            {
                throw new NetworkException($"Output node {o} is also a source.");
            }
        }
        Min = min;
        Max = max;
        _g = Enumerable.Repeat(initial, network.Graph.EdgeCount).ToArray();
    }

    /// <summary>
    /// A classifier whose edges are digital potentiometers at tap <paramref name="initialTap"/>, stepped by comparators
    /// (<see cref="DigitalPotentiometer"/>) whose offsets are drawn from <paramref name="comparatorSeed"/>.
    /// </summary>
    public ResistorClassifier(ResistorNetwork network, IReadOnlyList<int> sourceNodes, IReadOnlyList<int> outputNodes, DigitalPotentiometer potentiometer, int initialTap, ulong comparatorSeed)
        : this(network, sourceNodes, outputNodes, Checked(potentiometer).Conductance(initialTap), potentiometer.Conductance(potentiometer.Positions), potentiometer.Conductance(1))
    {
        Potentiometer = potentiometer;
        _taps = Enumerable.Repeat(initialTap, _g.Length).ToArray();
        _offsets = potentiometer.SampleOffsets(_g.Length, comparatorSeed);
    }

    /// <summary>The digital potentiometers the edges are made of, or null for continuously variable conductances.</summary>
    public DigitalPotentiometer? Potentiometer { get; }

    /// <summary>Each edge's tap, or null for continuous conductances.</summary>
    public IReadOnlyList<int>? Taps => _taps;

    /// <summary>The network (without the edges removed so far).</summary>
    public ResistorNetwork Network { get; private set; }

    /// <summary>Source (input) nodes, one per feature.</summary>
    public IReadOnlyList<int> Sources { get; }

    /// <summary>Output nodes, one per class.</summary>
    public IReadOnlyList<int> Outputs { get; }

    /// <summary>Lower conductance bound.</summary>
    public double Min { get; }

    /// <summary>Upper conductance bound.</summary>
    public double Max { get; }

    /// <summary>Current conductances.</summary>
    public IReadOnlyList<double> Conductances => _g;

    /// <summary>Equilibria (free and clamped) reached so far.</summary>
    public long Equilibria { get; private set; }

    /// <summary>Free-state output voltages for one example.</summary>
    public double[] OutputVoltages(ReadOnlySpan<double> features)
    {
        var v = Free(features);
        return Outputs.Select(o => v[o]).ToArray();
    }

    /// <summary>Drive and conversion costs charged per inference when a ledger is given.</summary>
    public NetworkCostModel Costs { get; init; } = new();

    /// <summary>Fraction of correct predictions (features row-major, one row per example); each inference is charged to <paramref name="ledger"/>.</summary>
    public double Accuracy(double[] features, int[] labels, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var solver = Network.Engine.Factor(_g, Sources);
        int d = Sources.Count, correct = 0;
        for (int s = 0; s < labels.Length; s++)
        {
            var v = solver.Solve(new double[Network.Graph.NodeCount], Held(features.AsSpan(s * d, d)));
            Equilibria++;
            if (ledger is not null)
            {
                Costs.ChargeElectrical(ledger, Network.DissipatedPower(_g, v) * Costs.SiemensPerConductanceUnit, Sources.Count, Outputs.Count);
                ledger.RecordInferences(1);
            }
            int best = 0;
            for (int o = 1; o < Outputs.Count; o++)
            {
                if (v[Outputs[o]] > v[Outputs[best]])
                {
                    best = o;
                }
            }
            correct += best == labels[s] ? 1 : 0;
        }
        return correct / (double)labels.Length;
    }

    /// <summary>
    /// One coupled-learning update on one example with targets per output; returns the free-state loss ½Σ(V−T)².
    /// With digital potentiometers each edge moves one tap, the way its comparator decides (<paramref name="alpha"/> is then unused: the step is the tap).
    /// </summary>
    public double Step(ReadOnlySpan<double> features, ReadOnlySpan<double> targets, double eta, double alpha)
    {
        var engine = Network.Engine;
        var free = Free(features);
        var held = Held(features);
        double loss = 0;
        for (int o = 0; o < Outputs.Count; o++)
        {
            double vf = free[Outputs[o]];
            loss += 0.5 * (vf - targets[o]) * (vf - targets[o]);
            held[Outputs[o]] = vf + (eta * (targets[o] - vf));
        }
        var clamped = engine.Factor(_g, Sources.Concat(Outputs)).Solve(new double[engine.DofCount], held);
        Equilibria++;
        for (int j = 0; j < _g.Length; j++)
        {
            double ec = engine.Elongation(j, clamped), ef = engine.Elongation(j, free);
            if (_taps is not null)
            {
                _taps[j] = Potentiometer!.Move(_taps[j], Potentiometer.Count(ec, ef, _offsets[j]));
                _g[j] = Potentiometer.Conductance(_taps[j]);
                continue;
            }
            _g[j] = Math.Clamp(_g[j] - (alpha * ((ec * ec) - (ef * ef)) / (2 * eta)), Min, Max);
        }
        return loss;
    }

    /// <summary>
    /// Cuts edge <paramref name="edge"/> out of the network (a broken wire): the remaining edges keep
    /// their conductances and are renumbered. Throws <see cref="NetworkException"/>, leaving the
    /// network unchanged, when the cut would disconnect it (an output or source would float).
    /// </summary>
    public void Remove(int edge)
    {
        var graph = Network.Graph.WithoutEdge(edge);
        Network = new ResistorNetwork(graph, Network.Diodes);
        _g = [.. _g.Where((_, j) => j != edge)];
        _taps = _taps is null ? null : [.. _taps.Where((_, j) => j != edge)];
        _offsets = _taps is null ? [] : [.. _offsets.Where((_, j) => j != edge)];
    }

    private static DigitalPotentiometer Checked(DigitalPotentiometer p)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.Validate();
        return p;
    }

    private double[] Free(ReadOnlySpan<double> features)
    {
        Equilibria++;
        return Network.Engine.Factor(_g, Sources).Solve(new double[Network.Graph.NodeCount], Held(features));
    }

    private double[] Held(ReadOnlySpan<double> features)
    {
        var held = new double[Network.Graph.NodeCount];
        for (int i = 0; i < Sources.Count; i++)
        {
            held[Sources[i]] = features[i];
        }
        return held;
    }
}
