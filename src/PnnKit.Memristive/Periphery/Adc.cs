using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Memristive.Periphery;

/// <summary>
/// Column sense amplifier (TIA) and analog-to-digital converter (Electrical → Digital): a column
/// current I, plus Gaussian output noise of standard deviation <see cref="NoiseFraction"/> ·
/// <see cref="FullScaleAmps"/>, is quantized over [−FullScaleAmps, FullScaleAmps] with <see cref="Bits"/>
/// bits and returned as the digital value I / FullScaleAmps in [−1, 1]. Backward is straight-through
/// (rounding and noise treated as identity, saturation as zero derivative).
/// </summary>
public sealed class Adc<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private bool[]? _inRange;

    /// <summary>An ADC; throws naming the parameter when bits or ranges are invalid.</summary>
    /// <param name="fullScaleAmps">Current at full scale (&gt; 0), A.</param>
    /// <param name="bits">Resolution in [2, 24] bits, or null for ideal. Default 8 bits (assumption, as the DAC).</param>
    /// <param name="noiseFraction">Output noise standard deviation relative to full scale (≥ 0).</param>
    /// <param name="name">Name in reports.</param>
    public Adc(double fullScaleAmps, int? bits = 8, double noiseFraction = 0, string name = "adc")
    {
        SignedQuantizer.ValidateBits(bits, nameof(bits));
        if (!double.IsFinite(fullScaleAmps) || fullScaleAmps <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fullScaleAmps), $"fullScaleAmps must be finite and > 0 A, got {fullScaleAmps}.");
        }
        if (!double.IsFinite(noiseFraction) || noiseFraction < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(noiseFraction), $"noiseFraction must be finite and ≥ 0, got {noiseFraction}.");
        }
        FullScaleAmps = fullScaleAmps;
        Bits = bits;
        NoiseFraction = noiseFraction;
        Name = name;
    }

    /// <summary>Full-scale current, A.</summary>
    public double FullScaleAmps { get; }

    /// <summary>Resolution, bits, or null for ideal.</summary>
    public int? Bits { get; }

    /// <summary>Output noise standard deviation as a fraction of full scale.</summary>
    public double NoiseFraction { get; }

    /// <summary>ADC cost model.</summary>
    public AdcCostModel CostModel { get; init; } = new();

    /// <summary>TIA cost model.</summary>
    public TiaCostModel TiaCostModel { get; init; } = new();

    /// <summary>Integration time of one read, s (TIA energy = power × this).</summary>
    public double ReadSeconds { get; init; } = 250e-9;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        var y = Tensor<T>.ZerosLike(x);
        var inRange = new bool[x.Length];
        var rng = ctx.Rng.Split(Name);
        for (int i = 0; i < x.Length; i++)
        {
            double v = double.CreateTruncating(x[i]) / FullScaleAmps;
            if (NoiseFraction > 0)
            {
                v += NoiseFraction * rng.Normal();
            }
            y[i] = T.CreateTruncating(SignedQuantizer.Quantize(v, 1.0, Bits, out bool sat));
            inRange[i] = !sat;
        }
        _inRange = ctx.IsTraining ? inRange : null;
        if (ctx.Ledger is { } ledger)
        {
            ledger.Charge($"{Name} TIA", CostCategory.Converter, new Energy(x.Length * TiaCostModel.EnergyPerRead(ReadSeconds)), x.Length, new Duration(ReadSeconds), TiaCostModel);
            ledger.Charge($"{Name}", CostCategory.Converter, new Energy(x.Length * CostModel.EnergyPerConversion(Bits ?? 8)), x.Length, Duration.FromRate(CostModel.SampleRate), CostModel);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var mask = _inRange ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        var dx = Tensor<T>.ZerosLike(gradOutput);
        T scale = T.CreateTruncating(1.0 / FullScaleAmps);
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = mask[i] ? gradOutput[i] * scale : T.Zero;
        }
        return dx;
    }
}
