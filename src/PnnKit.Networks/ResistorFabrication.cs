using PnnKit.Core.Costs;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Networks;

/// <summary>
/// A resistor-network design (DESIGN.md §4): graph (with any diodes), source nodes held at the input
/// voltages, measured output nodes and the trained conductances. Fabricating samples a copy's
/// conductance errors once (resistor tolerance, or a transistor's threshold spread in Dillavou et al.'s
/// self-learning networks); the design is never mutated.
/// </summary>
public sealed class ResistorDesign : IDesign<NetworkVariation, ResistorInstance>
{
    /// <summary>A design on <paramref name="network"/>.</summary>
    public ResistorDesign(ResistorNetwork network, IReadOnlyList<int> sourceNodes, IReadOnlyList<int> outputNodes, double[] conductance)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sourceNodes);
        ArgumentNullException.ThrowIfNull(outputNodes);
        network.Engine.CheckWeights(conductance);
        foreach (int o in outputNodes)
        {
            if (o < 0 || o >= network.Graph.NodeCount || sourceNodes.Contains(o))
            {
                throw new NetworkException($"Output node {o} is missing or is a source (its voltage is imposed, not measured).");
            }
        }
        Network = network;
        Sources = [.. sourceNodes];
        Outputs = [.. outputNodes];
        Conductance = (double[])conductance.Clone();
    }

    /// <summary>The network.</summary>
    public ResistorNetwork Network { get; }

    /// <summary>Nodes held at the input voltages.</summary>
    public IReadOnlyList<int> Sources { get; }

    /// <summary>Nodes whose voltages are measured.</summary>
    public IReadOnlyList<int> Outputs { get; }

    /// <summary>Designed conductance per edge.</summary>
    public IReadOnlyList<double> Conductance { get; }

    /// <inheritdoc/>
    public ResistorInstance Fabricate(NetworkVariation variation, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(variation);
        return new ResistorInstance(this, variation.SampleFactors(Conductance.Count, seed), variation.MeasurementNoise, new Rng(seed).Split("measurement noise"));
    }
}

/// <summary>
/// One fabricated resistor network: the design's conductances times this copy's factors, its output
/// voltages measured with additive noise. As an <see cref="IPhysicalSystem{T}"/> its controls are the
/// programmed conductances, inputs are source voltages, outputs the measured node voltages.
/// </summary>
public sealed class ResistorInstance : IInstance<ResistorInstance>, IPhysicalSystem<double>
{
    private readonly double[] _factors;
    private readonly Rng _noise;

    internal ResistorInstance(ResistorDesign design, double[] factors, double noise, Rng rng)
    {
        Design = design;
        _factors = factors;
        MeasurementNoise = noise;
        _noise = rng;
    }

    /// <summary>The design this copy was made from.</summary>
    public ResistorDesign Design { get; }

    /// <summary>This copy's multiplicative conductance errors.</summary>
    public IReadOnlyList<double> ConductanceFactors => _factors;

    /// <summary>Output noise standard deviation (V).</summary>
    public double MeasurementNoise { get; }

    /// <summary>Cost model charged by <see cref="Measure"/>.</summary>
    public NetworkCostModel Costs { get; init; } = new();

    /// <inheritdoc/>
    public string Name => "resistor network instance";

    /// <inheritdoc/>
    public int InputSize => Design.Sources.Count;

    /// <inheritdoc/>
    public int OutputSize => Design.Outputs.Count;

    /// <inheritdoc/>
    public int ControlCount => Design.Conductance.Count;

    /// <inheritdoc/>
    public long QueryCount { get; private set; }

    /// <summary>Resistors do not drift in this model: the state at any age is the copy itself.</summary>
    public ResistorInstance At(double ageSeconds, double temperatureKelvin = Core.Layers.ForwardContext.RoomTemperatureKelvin) => this;

    /// <summary>The copy's actual conductances for programmed values <paramref name="controls"/>.</summary>
    public double[] ActualConductance(ReadOnlySpan<double> controls)
    {
        if (controls.Length != _factors.Length)
        {
            throw new NetworkException($"Expected {_factors.Length} conductance controls, got {controls.Length}.");
        }
        var g = new double[_factors.Length];
        for (int j = 0; j < g.Length; j++)
        {
            g[j] = controls[j] * _factors[j];
        }
        return g;
    }

    /// <inheritdoc/>
    public Tensor<double> Measure(Tensor<double> inputs, ReadOnlySpan<double> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.RowLength != InputSize)
        {
            throw new ArgumentException($"{Name}: {inputs.RowLength} source voltages per example, the network has {InputSize} sources.", nameof(inputs));
        }
        var g = ActualConductance(controls);
        int batch = inputs.Rows;
        var y = new Tensor<double>(batch, OutputSize);
        for (int s = 0; s < batch; s++)
        {
            var v = Design.Network.Solve(g, Design.Sources, inputs.Row(s));
            for (int o = 0; o < OutputSize; o++)
            {
                y[s, o] = v[Design.Outputs[o]] + (MeasurementNoise > 0 ? _noise.Normal(0, MeasurementNoise) : 0);
            }
            if (ledger is not null)
            {
                Costs.ChargeElectrical(ledger, Design.Network.DissipatedPower(g, v) * Costs.SiemensPerConductanceUnit, InputSize, OutputSize);
                ledger.RecordInferences(1);
            }
        }
        QueryCount += batch;
        return y;
    }
}
