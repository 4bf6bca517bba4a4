using PnnKit.Core.Costs;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Networks;

/// <summary>
/// Fabrication errors and measurement noise of one network copy. Defaults are zero (an ideal copy);
/// typical values to try: 5% stiffness spread (FDM print-width scatter, our estimate) and a 1 µm
/// displacement noise (sub-pixel camera tracking, our estimate).
/// </summary>
public sealed record NetworkVariation
{
    /// <summary>Relative standard deviation of each edge's weight (multiplicative, drawn once per copy).</summary>
    public double WeightSpread { get; init; }

    /// <summary>Standard deviation of additive noise on each measured output, in output units.</summary>
    public double MeasurementNoise { get; init; }

    /// <summary>One copy's multiplicative weight errors, 1 + spread·N(0, 1), floored at 0.05 (a bond or resistor never vanishes).</summary>
    internal double[] SampleFactors(int edges, ulong seed)
    {
        var rng = new Rng(seed).Split("stiffness spread");
        var factors = new double[edges];
        for (int j = 0; j < factors.Length; j++)
        {
            factors[j] = Math.Max(0.05, 1 + (WeightSpread * rng.Normal()));
        }
        return factors;
    }
}

/// <summary>
/// A spring-network design (DESIGN.md §4): graph, force inputs, measured outputs and the trained
/// stiffnesses. Fabricating samples a copy's stiffness errors once; the design is never mutated.
/// </summary>
public sealed class SpringDesign : IDesign<NetworkVariation, SpringInstance>
{
    /// <summary>A design on <paramref name="network"/>.</summary>
    public SpringDesign(SpringNetwork network, IReadOnlyList<ForcePort> inputs, IReadOnlyList<int> outputDofs, double[] stiffness)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.Engine.CheckWeights(stiffness);
        Network = network;
        Inputs = [.. inputs];
        Outputs = [.. outputDofs];
        Stiffness = (double[])stiffness.Clone();
    }

    /// <summary>The lattice.</summary>
    public SpringNetwork Network { get; }

    /// <summary>Force inputs.</summary>
    public IReadOnlyList<ForcePort> Inputs { get; }

    /// <summary>Measured unknowns.</summary>
    public IReadOnlyList<int> Outputs { get; }

    /// <summary>Designed stiffness per bond (N/m).</summary>
    public IReadOnlyList<double> Stiffness { get; }

    /// <inheritdoc/>
    public SpringInstance Fabricate(NetworkVariation variation, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(variation);
        return new SpringInstance(this, variation.SampleFactors(Stiffness.Count, seed), variation.MeasurementNoise, new Rng(seed).Split("measurement noise"));
    }
}

/// <summary>
/// One fabricated spring network: the design's stiffnesses times this copy's factors, measured with
/// additive noise. As an <see cref="IPhysicalSystem{T}"/> its controls are the programmed stiffnesses
/// (the copy's error factors multiply them), inputs are feature rows driving the force ports, outputs
/// are the measured displacements.
/// </summary>
public sealed class SpringInstance : IInstance<SpringInstance>, IPhysicalSystem<double>
{
    private readonly double[] _factors;
    private readonly Rng _noise;

    internal SpringInstance(SpringDesign design, double[] factors, double noise, Rng rng)
    {
        Design = design;
        _factors = factors;
        MeasurementNoise = noise;
        _noise = rng;
    }

    /// <summary>The design this copy was made from.</summary>
    public SpringDesign Design { get; }

    /// <summary>This copy's multiplicative stiffness errors.</summary>
    public IReadOnlyList<double> StiffnessFactors => _factors;

    /// <summary>Output noise standard deviation (m).</summary>
    public double MeasurementNoise { get; }

    /// <summary>Cost model charged by <see cref="Measure"/>.</summary>
    public NetworkCostModel Costs { get; init; } = new();

    /// <inheritdoc/>
    public string Name => "spring network instance";

    /// <inheritdoc/>
    public int InputSize => Design.Inputs.Count;

    /// <inheritdoc/>
    public int OutputSize => Design.Outputs.Count;

    /// <inheritdoc/>
    public int ControlCount => Design.Stiffness.Count;

    /// <inheritdoc/>
    public long QueryCount { get; private set; }

    /// <summary>Springs do not drift in this model: the state at any age is the copy itself.</summary>
    public SpringInstance At(double ageSeconds, double temperatureKelvin = Core.Layers.ForwardContext.RoomTemperatureKelvin) => this;

    /// <summary>The copy's actual stiffnesses for programmed values <paramref name="controls"/>.</summary>
    public double[] ActualStiffness(ReadOnlySpan<double> controls)
    {
        if (controls.Length != _factors.Length)
        {
            throw new NetworkException($"Expected {_factors.Length} stiffness controls, got {controls.Length}.");
        }
        var k = new double[_factors.Length];
        for (int j = 0; j < k.Length; j++)
        {
            k[j] = controls[j] * _factors[j];
        }
        return k;
    }

    /// <inheritdoc/>
    public Tensor<double> Measure(Tensor<double> inputs, ReadOnlySpan<double> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var net = Design.Network;
        var solver = net.Engine.Factor(ActualStiffness(controls));
        int batch = inputs.Rows;
        var y = new Tensor<double>(batch, OutputSize);
        for (int s = 0; s < batch; s++)
        {
            var row = inputs.Row(s);
            var f = new double[net.Engine.DofCount];
            for (int i = 0; i < InputSize; i++)
            {
                var p = Design.Inputs[i];
                f[net.Engine.Dof(p.Node, 0)] += p.Scale * row[i] * p.DirectionX;
                f[net.Engine.Dof(p.Node, 1)] += p.Scale * row[i] * p.DirectionY;
            }
            var u = solver.Solve(f);
            for (int o = 0; o < OutputSize; o++)
            {
                y[s, o] = u[Design.Outputs[o]] + (MeasurementNoise > 0 ? _noise.Normal(0, MeasurementNoise) : 0);
            }
            ledger?.RecordInferences(1);
            if (ledger is not null)
            {
                Costs.ChargeMechanical(ledger, f, u);
            }
        }
        QueryCount += batch;
        return y;
    }
}
