using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Costs;

namespace PnnKit.Photonics.Converters;

/// <summary>
/// Coherent (homodyne) detection against a local oscillator of phase 0: each waveguide's field is
/// read as its in-phase and quadrature components, output [batch, 2N] = [Re(E)·g, Im(E)·g] (the
/// optical → electrical converter that keeps phase). Each quadrature uses a balanced detector pair
/// (two receiver symbols). Optional additive noise per quadrature.
/// </summary>
public sealed class CoherentReceiver<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int _batch;

    /// <summary>A receiver for <paramref name="modes"/> waveguides.</summary>
    public CoherentReceiver(int modes, double gain = 1.0, double noiseStd = 0, string name = "coherent-receiver")
    {
        if (modes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), $"Need at least one waveguide; got {modes}.");
        }
        Modes = modes;
        Gain = gain;
        NoiseStd = noiseStd;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Waveguides read.</summary>
    public int Modes { get; }

    /// <summary>Field-to-output gain.</summary>
    public double Gain { get; }

    /// <summary>Additive noise std per quadrature (0: none).</summary>
    public double NoiseStd { get; }

    /// <summary>Cost model charged per symbol.</summary>
    public PhotonicCostModel CostModel { get; init; } = PhotonicCostModel.Default;

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        ComplexTensor<T>.RequireField(x, Modes, Name);
        _batch = x.Dim(0);
        var y = new Tensor<T>(_batch, 2 * Modes);
        T g = T.CreateChecked(Gain);
        Rng? rng = NoiseStd > 0 ? ctx.Rng.Split("coherent." + Name) : null;
        for (int i = 0; i < x.Length; i++)
        {
            y.Data[i] = (g * x.Data[i]) + (rng is null ? T.Zero : T.CreateChecked(NoiseStd * rng.Normal()));
        }
        if (ctx.Ledger is not null)
        {
            CostModel.ChargeDetectors(ctx.Ledger, Name, 4 * Modes, _batch);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var dx = new Tensor<T>(_batch, 2, Modes);
        T g = T.CreateChecked(Gain);
        for (int i = 0; i < dx.Length; i++)
        {
            dx.Data[i] = g * gradOutput.Data[i];
        }
        return dx;
    }
}
