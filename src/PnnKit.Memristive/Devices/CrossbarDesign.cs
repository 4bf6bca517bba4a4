using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Memristive.Crossbar;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// The design of a crossbar layer: its target weights [outputs, inputs] and how they map onto
/// conductances. It is never mutated; <see cref="Fabricate"/> returns a programmed copy with sampled errors.
/// </summary>
public sealed class CrossbarDesign : IDesign<DeviceVariation, CrossbarInstance>
{
    private readonly double[] _weights;

    /// <summary>A design for <paramref name="weights"/> (row-major [outputs, inputs], copied).</summary>
    public CrossbarDesign(ReadOnlySpan<double> weights, int inputs, int outputs, WeightMapping mapping, PcmNoiseModel? noise = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (inputs <= 0 || outputs <= 0 || weights.Length != inputs * outputs)
        {
            throw new ArgumentException($"weights must hold outputs × inputs = {outputs} × {inputs} values (both ≥ 1), got {weights.Length}.", nameof(weights));
        }
        _weights = weights.ToArray();
        Inputs = inputs;
        Outputs = outputs;
        Mapping = mapping;
        Noise = noise ?? MemristivePresets.PcmJoshi2020.Model.WithGMax(mapping.GMax); // the default device is the preset
        TargetGPlus = new double[_weights.Length];
        TargetGMinus = new double[_weights.Length];
        mapping.ToConductances(_weights, TargetGPlus, TargetGMinus, "weights");
    }

    /// <summary>Inputs.</summary>
    public int Inputs { get; }

    /// <summary>Outputs.</summary>
    public int Outputs { get; }

    /// <summary>Weight mapping.</summary>
    public WeightMapping Mapping { get; }

    /// <summary>Device statistics.</summary>
    public PcmNoiseModel Noise { get; }

    /// <summary>Target weights [outputs, inputs].</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Target G⁺ [outputs, inputs], S.</summary>
    internal double[] TargetGPlus { get; }

    /// <summary>Target G⁻ [outputs, inputs], S.</summary>
    internal double[] TargetGMinus { get; }

    /// <inheritdoc/>
    public CrossbarInstance Fabricate(DeviceVariation variation, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(variation);
        variation.Validate();
        return new CrossbarInstance(this, variation, new Rng(seed));
    }
}
