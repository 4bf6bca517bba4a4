using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Converters;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// A dense layer y = W·x + b on an incoherent intensity crossbar (Digital → Digital, the converters inside;
/// <see cref="IntensityCrossbarConfig"/>). W is cut into tiles of Outputs × Inputs (3 × 9), run one after another on the one
/// crossbar (time multiplexed), their partial sums added digitally.
/// <para>
/// Light can only be dimmed, so every value on the crossbar is in [0, 1]: per sample the input is scaled by its largest |x|,
/// per tile the weights by the tile's largest |w|, and each is split into a positive and a negative part (x = x⁺ − x⁻,
/// w = w⁺ − w⁻). The W⁺ and W⁻ parts of a tile are two weight loads, and each load reads the x⁺ part and, when the sample has
/// negative inputs in that tile's columns, the x⁻ part: up to four passes, combined digitally as (w⁺x⁺ − w⁻x⁺) − (w⁺x⁻ − w⁻x⁻).
/// This is the digital-subtraction scheme a 9 × 3 crossbar without balanced detectors allows (assumption: the paper's own
/// scheme for signs was not found here; inputs after a ReLU are non-negative, so hidden layers mostly take two passes).
/// </para>
/// <para>
/// In a pass, input EAM i sets the light P·t(x_i), a 1→N splitter sends P·t(x_i)/N to each output row, weight EAM (i, j)
/// multiplies it by t(w_ij), and photodiode j adds the powers of its row: P_j = (T²/N)·Σ_i τ(w_ij)·τ(x_i), with T the open EAM's
/// transmission and τ(v) = r + (1 − r)·v for an EAM of closed/open ratio r = 10^(−ER/10) driven to code v. The reading carries
/// shot, thermal and RIN noise (<see cref="IntensityCrossbarConfig.Noise"/>) and an ADC whose full scale is the brightest row
/// (all inputs and weights open); the host undoes T²/N and the light a closed EAM still passes (from the codes it set) to get Σ w·x.
/// Backward is straight-through (dx = gᵀ·W, dW = gᵀx), as <see cref="PhotonicLinear{T}"/>; with
/// <see cref="IntensityCrossbarConfig.Ideal"/> the forward is exact, so the gradient is too.
/// </para>
/// </summary>
public sealed class IntensityCrossbarLinear<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ulong _noiseKey;
    private Tensor<T>? _input;

    /// <summary>A layer of <paramref name="inputs"/> → <paramref name="outputs"/> initialised like <see cref="Linear{T}"/>.</summary>
    public IntensityCrossbarLinear(int inputs, int outputs, Rng rng, IntensityCrossbarConfig? config = null, bool bias = true, string name = "crossbar")
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        Config = config ?? IntensityCrossbarConfig.Default;
        Config.Validate();
        Inputs = inputs;
        Outputs = outputs;
        Name = name;
        double bound = 1.0 / Math.Sqrt(inputs);
        Weight = new Parameter<T>("weight", new Tensor<T>(outputs, inputs));
        rng.FillUniform(Weight.Value.Span, -bound, bound);
        if (bias)
        {
            Bias = new Parameter<T>("bias", new Tensor<T>(outputs));
            rng.FillUniform(Bias.Value.Span, -bound, bound);
        }
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
        _noiseKey = rng.NextULong();
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Input features.</summary>
    public int Inputs { get; }

    /// <summary>Output features.</summary>
    public int Outputs { get; }

    /// <summary>The crossbar's physics and converters.</summary>
    public IntensityCrossbarConfig Config { get; }

    /// <summary>The design weights, [out, in].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Digital bias, [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>The fabricated crossbar the forward pass runs on (null: nominal devices).</summary>
    public IntensityCrossbarInstance? Instance { get; set; }

    /// <summary>Matrix–vector products one inference asks of this layer (1 for a dense layer; a convolution sets its output pixels).</summary>
    public int ReadsPerInference { get; set; } = 1;

    /// <summary>Tiles of the weight matrix: ⌈out/Outputs⌉ × ⌈in/Inputs⌉.</summary>
    public int Tiles => RowBlocks * ColBlocks;

    /// <summary>Crossbar passes of the last forward call, all samples (each one symbol on the crossbar).</summary>
    public long LastPasses { get; private set; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    private int RowBlocks => (Outputs + Config.Outputs - 1) / Config.Outputs;

    private int ColBlocks => (Inputs + Config.Inputs - 1) / Config.Inputs;

    /// <summary>One fabricated crossbar with <paramref name="variation"/>'s static device spread; the design is not changed.</summary>
    public IntensityCrossbarInstance Fabricate(IntensityCrossbarVariation variation, ulong seed) => IntensityCrossbarInstance.Fabricate(Config, variation, seed);

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.RowLength != Inputs)
        {
            throw new ArgumentException($"{Name}: expects {Inputs} input features, got {x.RowLength}.", nameof(x));
        }
        var devices = Instance ?? IntensityCrossbarInstance.Nominal(Config);
        if (devices.Inputs != Config.Inputs || devices.Outputs != Config.Outputs)
        {
            throw new InvalidOperationException($"{Name}: its instance is a {devices.Outputs}×{devices.Inputs} crossbar, the config {Config.Outputs}×{Config.Inputs}.");
        }
        // The transmission ranges the host drives the EAMs over and decodes with (nominal, or the calibrated chip's shared ones).
        var (inputScale, inputClosed) = devices.InputRange(Config.ClosedTransmission);
        var (weightScale, weightClosed) = devices.WeightRange(Config.ClosedTransmission);
        var ranges = new Ranges(inputScale, inputClosed, weightScale, weightClosed);
        var tiles = LoadTiles(devices, ranges);
        int batch = x.Rows;
        var y = new Tensor<T>(batch, Outputs);
        var passes = new long[batch];
        var rng = ctx.Rng.Split(Name).Split(_noiseKey);
        var noise = Config.Noise;
        // Blocks of rows in parallel (a convolution's patches are many small rows); each row draws its noise from its own
        // stream, so the result does not depend on the thread count.
        const int block = 64;
        Parallel.For(0, (batch + block - 1) / block, k =>
        {
            var acc = new double[Outputs];
            for (int b = k * block; b < Math.Min(batch, (k + 1) * block); b++)
            {
                passes[b] = Sample(x.Row(b), y.Row(b), tiles, devices, ranges, noise, rng.Split((ulong)b), acc);
            }
        });
        LastPasses = passes.Sum();
        _input = ctx.IsTraining ? x : null;
        if (ctx.Ledger is { } ledger)
        {
            Charge(ledger, batch, tiles.Sum(t => (t.Positive is null ? 0 : 1) + (t.Negative is null ? 0 : 1)));
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        int batch = x.Rows, rows = Outputs, cols = Inputs;
        var dx = new Tensor<T>(batch, cols);
        var w = Weight.Value.Span;
        var dw = Weight.Grad.Span;
        for (int b = 0; b < batch; b++)
        {
            var g = gradOutput.Row(b);
            var xin = x.Row(b);
            var d = dx.Row(b);
            for (int i = 0; i < rows; i++)
            {
                if (g[i] == T.Zero)
                {
                    continue;
                }
                for (int j = 0; j < cols; j++)
                {
                    d[j] += g[i] * w[(i * cols) + j];
                    dw[(i * cols) + j] += g[i] * xin[j];
                }
                if (Bias is not null)
                {
                    Bias.Grad.Span[i] += g[i];
                }
            }
        }
        return dx;
    }

    /// <summary>
    /// One weight load of a tile's sign part: the physical transmissions τ(w) its weight EAMs take ([out row][input], on the
    /// crossbar's devices) and, per row, the offset Σ_i r² + r(1 − r)·w_i the host subtracts (from its nominal r and the codes).
    /// </summary>
    private sealed record Load(double[] Transmission, double[] Offset, double[] Codes);

    /// <summary>A tile: its weight scale (largest |w|) and its W⁺, W⁻ loads (null where that sign has no weight).</summary>
    private sealed record Tile(double Scale, Load? Positive, Load? Negative);

    /// <summary>The input and weight EAMs' transmission ranges, τ(code) = scale·(r + (1 − r)·code).</summary>
    private readonly record struct Ranges(double InputScale, double InputClosed, double WeightScale, double WeightClosed);

    private Tile[] LoadTiles(IntensityCrossbarInstance devices, Ranges ranges)
    {
        int n = Config.Inputs, m = Config.Outputs, cols = Inputs;
        double rw = ranges.WeightClosed, rx = ranges.InputClosed;
        double[] w = [.. Weight.Value.Data.Select(double.CreateChecked)];
        var tiles = new Tile[Tiles];
        for (int rb = 0; rb < RowBlocks; rb++)
        {
            for (int cb = 0; cb < ColBlocks; cb++)
            {
                double scale = 0;
                for (int jj = 0; jj < m && (rb * m) + jj < Outputs; jj++)
                {
                    for (int ii = 0; ii < n && (cb * n) + ii < cols; ii++)
                    {
                        scale = Math.Max(scale, Math.Abs(w[(((rb * m) + jj) * cols) + (cb * n) + ii]));
                    }
                }
                Load? Part(int sign)
                {
                    var codes = new double[m * n];
                    bool any = false;
                    for (int jj = 0; jj < m && (rb * m) + jj < Outputs; jj++)
                    {
                        for (int ii = 0; ii < n && (cb * n) + ii < cols; ii++)
                        {
                            double v = sign * w[(((rb * m) + jj) * cols) + (cb * n) + ii] / scale;
                            codes[(jj * n) + ii] = v > 0 ? Quantize(v, Config.DacBits) : 0;
                            any |= codes[(jj * n) + ii] > 0;
                        }
                    }
                    if (!any)
                    {
                        return null;
                    }
                    var t = new double[m * n];
                    var offset = new double[m];
                    for (int jj = 0; jj < m; jj++)
                    {
                        for (int ii = 0; ii < n; ii++)
                        {
                            double c = codes[(jj * n) + ii];
                            t[(jj * n) + ii] = devices.Transmission(devices.WeightGain[(jj * n) + ii], devices.WeightClosed[(jj * n) + ii], c, rw, ranges.WeightScale, Config.DacBits);
                            offset[jj] += (rw * rx) + (rx * (1 - rw) * c);
                        }
                    }
                    return new Load(t, offset, codes);
                }
                tiles[(rb * ColBlocks) + cb] = scale == 0 ? new Tile(0, null, null) : new Tile(scale, Part(1), Part(-1));
            }
        }
        return tiles;
    }

    /// <summary>Runs one sample through every tile and adds the bias; returns the crossbar passes it took.</summary>
    private long Sample(ReadOnlySpan<T> src, Span<T> dst, Tile[] tiles, IntensityCrossbarInstance devices, Ranges ranges, PhotodetectorNoise? noise, Rng rng, double[] acc)
    {
        int n = Config.Inputs, m = Config.Outputs, cols = Inputs;
        double rw = ranges.WeightClosed, rx = ranges.InputClosed, open = Config.OpenTransmission;
        // Detected power per unit of Σ τ(w)·τ(x), in units of the laser power per input: two open EAMs and the 1→m split.
        double gain = open * open / m;
        // A calibrated chip runs every device in its kind's shared range and divides each reading by its photodiode's measured gain.
        double readScale = gain * ranges.InputScale * ranges.WeightScale;
        // The ADC spans the brightest row: every input and weight EAM open.
        double fullScale = gain * n;
        double span = (1 - rw) * (1 - rx);
        double scale = 0;
        foreach (var v in src)
        {
            scale = Math.Max(scale, Math.Abs(double.CreateChecked(v)));
        }
        long passes = 0;
        Array.Clear(acc);
        if (scale > 0)
        {
            Span<double> light = stackalloc double[2 * n];
            for (int cb = 0; cb < ColBlocks; cb++)
            {
                // The input EAMs' two sign parts of this block: positions past the layer's inputs stay closed (code 0).
                double offsetPositive = 0, offsetNegative = 0;
                bool anyPositive = false, anyNegative = false;
                for (int ii = 0; ii < n; ii++)
                {
                    int col = (cb * n) + ii;
                    double v = col < cols ? double.CreateChecked(src[col]) / scale : 0;
                    double positive = v > 0 ? Quantize(v, Config.DacBits) : 0, negative = v < 0 ? Quantize(-v, Config.DacBits) : 0;
                    anyPositive |= positive > 0;
                    anyNegative |= negative > 0;
                    offsetPositive += rw * (1 - rx) * positive;
                    offsetNegative += rw * (1 - rx) * negative;
                    light[ii] = devices.Transmission(devices.InputGain[ii], devices.InputClosed[ii], positive, rx, ranges.InputScale, Config.DacBits);
                    light[n + ii] = devices.Transmission(devices.InputGain[ii], devices.InputClosed[ii], negative, rx, ranges.InputScale, Config.DacBits);
                }
                for (int rb = 0; rb < RowBlocks; rb++)
                {
                    var tile = tiles[(rb * ColBlocks) + cb];
                    for (int ws = 0; ws < 2; ws++)
                    {
                        var load = ws == 0 ? tile.Positive : tile.Negative;
                        if (load is null)
                        {
                            continue;
                        }
                        for (int xs = 0; xs < 2; xs++)
                        {
                            if (!(xs == 0 ? anyPositive : anyNegative))
                            {
                                continue;
                            }
                            passes++;
                            var x = light.Slice(xs * n, n);
                            double offsetX = xs == 0 ? offsetPositive : offsetNegative;
                            double sign = (ws == 0 ? 1 : -1) * (xs == 0 ? 1 : -1) * tile.Scale;
                            for (int jj = 0; jj < m && (rb * m) + jj < Outputs; jj++)
                            {
                                double sum = 0;
                                for (int ii = 0; ii < n; ii++)
                                {
                                    sum += load.Transmission[(jj * n) + ii] * x[ii];
                                }
                                double power = gain * devices.DetectorGain[jj] * sum;
                                if (noise is not null)
                                {
                                    power += Math.Sqrt(noise.Variance(power)) * rng.Normal();
                                }
                                double reading = fullScale * Quantize(power / fullScale, Config.AdcBits);
                                double detected = devices.Calibrated ? reading / devices.DetectorGain[jj] : reading;
                                acc[(rb * m) + jj] += sign * (((detected / readScale) - load.Offset[jj] - offsetX) / span);
                            }
                        }
                    }
                }
            }
        }
        for (int j = 0; j < Outputs; j++)
        {
            dst[j] = T.CreateChecked(scale * acc[j]) + (Bias is null ? T.Zero : Bias.Value.Span[j]);
        }
        return passes;
    }

    /// <summary>The transmission, relative to open, of an EAM with closed/open ratio <paramref name="r"/> driven to code <paramref name="code"/> ∈ [0, 1].</summary>
    internal static double Dim(double r, double code) => r + ((1 - r) * code);

    /// <summary>A value in [0, 1] on a converter of <paramref name="bits"/> bits (0: exact).</summary>
    internal static double Quantize(double v, int bits)
    {
        double c = Math.Clamp(v, 0, 1);
        if (bits == 0)
        {
            return c;
        }
        double levels = (1L << bits) - 1;
        return Math.Round(c * levels) / levels;
    }

    /// <summary>
    /// The batch's passes, each one symbol of the crossbar (light on every input, the input EAMs and DACs, the photodiodes and
    /// ADCs); the tiles' weight loads once per forward call (the crossbar holds one tile while the whole batch, and a convolution's
    /// every patch, streams through it, so a load's energy is shared by the call's samples). One inference waits for its passes and
    /// its loads, each a symbol period (assumption: a weight EAM, the same device as the inputs, settles within one symbol).
    /// </summary>
    private void Charge(CostLedger ledger, int batch, int loads)
    {
        var c = Config.Cost;
        double passesPerSample = batch == 0 ? 0 : (double)LastPasses / batch;
        double latency = ((ReadsPerInference * passesPerSample) + loads) / Config.SymbolRateHz;
        c.ChargePasses(ledger, Name, Config.Inputs, Config.Outputs, LastPasses, Config.LaserPowerPerInputWatts, Config.SymbolRateHz, Config.DacBits, Config.AdcBits, latency);
        c.ChargeWeightLoads(ledger, Name, Config.Inputs * Config.Outputs, loads, Config.DacBits);
    }
}
