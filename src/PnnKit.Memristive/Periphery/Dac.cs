using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Memristive.Periphery;

/// <summary>
/// Digital-to-analog converter layer (Digital → Electrical): a digital value x in
/// [−<see cref="InputRange"/>, <see cref="InputRange"/>] becomes the row voltage
/// V = Q(x) / InputRange · <see cref="FullScaleVolts"/> (amplitude encoding), where Q is a
/// <see cref="SignedQuantizer"/> of <see cref="Bits"/> bits and values beyond the range saturate.
/// Backward is straight-through: the quantizer's rounding is treated as identity, saturation as
/// a zero derivative, so dL/dx = dL/dV · FullScaleVolts / InputRange inside the range and 0 outside.
/// </summary>
public sealed class Dac<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private bool[]? _inRange;

    /// <summary>A DAC; throws naming the parameter when bits or ranges are invalid.</summary>
    /// <param name="bits">Resolution in [2, 24] bits, or null for an ideal converter. Default 8 bits (assumption: 8-bit inputs as in IBM's PCM inference chips).</param>
    /// <param name="inputRange">Digital full scale (&gt; 0).</param>
    /// <param name="fullScaleVolts">Row voltage at full scale (&gt; 0), V; default 0.2 V (see <see cref="ArrayReadCostModel.ReadVoltage"/>).</param>
    /// <param name="name">Name in reports.</param>
    public Dac(int? bits = 8, double inputRange = 1.0, double fullScaleVolts = 0.2, string name = "dac")
    {
        SignedQuantizer.ValidateBits(bits, nameof(bits));
        if (!double.IsFinite(inputRange) || inputRange <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputRange), $"inputRange must be finite and > 0, got {inputRange}.");
        }
        if (!double.IsFinite(fullScaleVolts) || fullScaleVolts <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fullScaleVolts), $"fullScaleVolts must be finite and > 0 V, got {fullScaleVolts}.");
        }
        Bits = bits;
        InputRange = inputRange;
        FullScaleVolts = fullScaleVolts;
        Name = name;
    }

    /// <summary>Resolution, bits, or null for ideal.</summary>
    public int? Bits { get; }

    /// <summary>Digital full scale.</summary>
    public double InputRange { get; }

    /// <summary>Voltage at full scale, V.</summary>
    public double FullScaleVolts { get; }

    /// <summary>Cost model; energies are charged for every conversion.</summary>
    public DacCostModel CostModel { get; init; } = new();

    /// <summary>Cells each row driver charges (for the row-line term of the energy); default 1.</summary>
    public int CellsPerRow { get; init; } = 1;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>Converts one value to volts; <paramref name="saturated"/> tells whether it was clipped.</summary>
    public double Convert(double x, out bool saturated) =>
        SignedQuantizer.Quantize(x, InputRange, Bits, out saturated) / InputRange * FullScaleVolts;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        var y = Tensor<T>.ZerosLike(x);
        var inRange = new bool[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = T.CreateTruncating(Convert(double.CreateTruncating(x[i]), out bool sat));
            inRange[i] = !sat;
        }
        _inRange = ctx.IsTraining ? inRange : null;
        ctx.Ledger?.Charge($"{Name}", CostCategory.Converter, new Energy(x.Length * CostModel.EnergyPerConversion(Bits ?? 8, FullScaleVolts, CellsPerRow)), x.Length, new Duration(CostModel.ConversionSeconds), CostModel);
        return y.Reshape([.. x.Shape]);
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var mask = _inRange ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        var dx = Tensor<T>.ZerosLike(gradOutput);
        T scale = T.CreateTruncating(FullScaleVolts / InputRange);
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = mask[i] ? gradOutput[i] * scale : T.Zero;
        }
        return dx;
    }
}
