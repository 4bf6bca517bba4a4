using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.TensorCore;

/// <summary>
/// A dense layer y = W·x + b on a time-multiplexed photonic tensor core (Digital → Digital, the converters inside;
/// <see cref="PhotonicCoreConfig"/>). Per sample the input is scaled to the DACs' full scale (its largest |x|),
/// quantized and launched as signed amplitudes on the core's k modes, one k-column block at a time; each k×k tile
/// of W runs on the core as W_tile/g (g = the tile's largest singular value: a passive circuit never amplifies, so
/// the receiver applies g), is read by homodyne receivers with noise and ADCs whose full scale is √k (the largest
/// amplitude k unit inputs can add up to on one mode), and the partial sums are added digitally, rescaled and biased.
/// <para>
/// The design's tiles are exact (W itself); a fabricated copy (<see cref="Fabricate"/>) realizes each tile on meshes
/// with static errors, so its effective W differs. Backward is straight-through (dx = gᵀ·W_eff, dW = gᵀx), as
/// hardware-aware training on AnalogLinear does; with <see cref="PhotonicCoreConfig.Ideal"/> it is exact.
/// </para>
/// </summary>
public sealed class PhotonicLinear<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ulong _noiseKey;
    private Tensor<T>? _input;
    private double[]? _used;

    /// <summary>A layer of <paramref name="inputs"/> → <paramref name="outputs"/> initialised like <see cref="Linear{T}"/>.</summary>
    public PhotonicLinear(int inputs, int outputs, Rng rng, PhotonicCoreConfig? config = null, bool bias = true, string name = "photonic")
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        Config = config ?? PhotonicCoreConfig.Default;
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

    /// <summary>The core's physics and converters.</summary>
    public PhotonicCoreConfig Config { get; }

    /// <summary>The design weights, [out, in].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Digital bias, [out], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>The fabricated copy the forward pass runs on (null: the exact design).</summary>
    public PhotonicCoreInstance? Instance { get; set; }

    /// <summary>
    /// Matrix–vector products one inference asks of this layer, run one after another on the core (1 for a dense layer; a
    /// convolution sets its output pixels, <see cref="PhotonicConv2d{T}"/>): the stage's latency is that many reads of all tiles.
    /// </summary>
    public int ReadsPerInference { get; set; } = 1;

    /// <summary>Tiles of the weight matrix: ⌈out/k⌉ × ⌈in/k⌉, each one pass of the core per sample.</summary>
    public int TilePasses => Blocks(Outputs) * Blocks(Inputs);

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    private int Blocks(int n) => (n + Config.TileSize - 1) / Config.TileSize;

    /// <summary>
    /// One fabricated copy: every tile of the current design mapped to meshes (<see cref="SvdMapping{T}"/>), each mesh
    /// fabricated with <paramref name="variation"/>'s static errors (seeded per tile from <paramref name="seed"/>), and the
    /// tiles' realized matrices read back. With <paramref name="calibrateGains"/> each tile's receiver gain is then set by
    /// calibration: the core reads the tile's k unit inputs once and scales the tile by the least-squares c = ⟨M, W⟩/⟨M, M⟩,
    /// which undoes the meshes' insertion loss and any common gain error (not their phase errors). The design is not changed.
    /// </summary>
    public PhotonicCoreInstance Fabricate(MeshVariation variation, ulong seed, bool calibrateGains = true)
    {
        ArgumentNullException.ThrowIfNull(variation);
        int k = Config.TileSize, rows = Outputs, cols = Inputs;
        var effective = new double[rows * cols];
        var w = Weight.Value.Span;
        int tile = 0;
        long calibrationReads = 0;
        for (int r0 = 0; r0 < rows; r0 += k)
        {
            for (int c0 = 0; c0 < cols; c0 += k, tile++)
            {
                int tr = Math.Min(k, rows - r0), tc = Math.Min(k, cols - c0);
                var block = new double[k * k];
                for (int i = 0; i < tr; i++)
                {
                    for (int j = 0; j < tc; j++)
                    {
                        block[(i * k) + j] = double.CreateChecked(w[((r0 + i) * cols) + c0 + j]);
                    }
                }
                if (block.All(v => v == 0))
                {
                    continue; // an all-zero tile is not run
                }
                var mapping = SvdMapping<double>.FromMatrix(block, k, k);
                var tileSeed = new Rng(seed).Split((ulong)tile);
                var m = mapping.RealizedMatrix(mapping.RightMesh.Fabricate(variation, tileSeed.NextULong()).Mesh, mapping.LeftMesh.Fabricate(variation, tileSeed.NextULong()).Mesh);
                // Homodyne detection in phase with the carrier reads the real part of the field.
                double dot = 0, norm = 0;
                for (int i = 0; i < tr; i++)
                {
                    for (int j = 0; j < tc; j++)
                    {
                        double real = m[(i * k) + j].Real;
                        dot += real * block[(i * k) + j];
                        norm += real * real;
                    }
                }
                double gain = calibrateGains && norm > 0 ? dot / norm : 1;
                for (int i = 0; i < tr; i++)
                {
                    for (int j = 0; j < tc; j++)
                    {
                        effective[((r0 + i) * cols) + c0 + j] = gain * m[(i * k) + j].Real;
                    }
                }
                calibrationReads += calibrateGains ? tc : 0;
            }
        }
        return new PhotonicCoreInstance(rows, cols, effective, variation, seed, calibrationReads);
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.RowLength != Inputs)
        {
            throw new ArgumentException($"{Name}: expects {Inputs} input features, got {x.RowLength}.", nameof(x));
        }
        if (Instance is { } inst && (inst.Rows != Outputs || inst.Cols != Inputs))
        {
            throw new InvalidOperationException($"{Name}: its instance is {inst.Rows}×{inst.Cols}, the layer {Outputs}×{Inputs}.");
        }
        int batch = x.Rows, k = Config.TileSize, rows = Outputs, cols = Inputs;
        var used = Instance?.Effective ?? [.. Weight.Value.Data.Select(double.CreateChecked)];
        var gains = TileGains(used);
        var rng = ctx.Rng.Split(Name).Split(_noiseKey);
        var y = new Tensor<T>(batch, rows);
        var xq = new double[cols];
        double fullScale = Math.Sqrt(k);
        for (int b = 0; b < batch; b++)
        {
            var src = x.Row(b);
            double scale = 0;
            foreach (var v in src)
            {
                scale = Math.Max(scale, Math.Abs(double.CreateChecked(v)));
            }
            var dst = y.Row(b);
            if (scale > 0)
            {
                for (int j = 0; j < cols; j++)
                {
                    xq[j] = Quantize(double.CreateChecked(src[j]) / scale, 1, Config.DacBits);
                }
                int tile = 0;
                for (int r0 = 0; r0 < rows; r0 += k)
                {
                    for (int c0 = 0; c0 < cols; c0 += k, tile++)
                    {
                        double g = gains[tile];
                        if (g == 0)
                        {
                            continue;
                        }
                        int tr = Math.Min(k, rows - r0), tc = Math.Min(k, cols - c0);
                        for (int i = 0; i < tr; i++)
                        {
                            double field = 0;
                            int row = (r0 + i) * cols;
                            for (int j = 0; j < tc; j++)
                            {
                                field += used[row + c0 + j] * xq[c0 + j];
                            }
                            double reading = (field / g) + (Config.ReadNoiseStd > 0 ? Config.ReadNoiseStd * rng.Normal() : 0);
                            dst[r0 + i] += T.CreateChecked(g * scale * Quantize(reading, fullScale, Config.AdcBits));
                        }
                    }
                }
            }
            if (Bias is not null)
            {
                for (int i = 0; i < rows; i++)
                {
                    dst[i] += Bias.Value.Span[i];
                }
            }
        }
        _input = ctx.IsTraining ? x : null;
        _used = ctx.IsTraining ? used : null;
        if (ctx.Ledger is { } ledger)
        {
            Charge(ledger, batch, gains.Count(g => g > 0));
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        var used = _used!;
        int batch = x.Rows, rows = Outputs, cols = Inputs;
        var dx = new Tensor<T>(batch, cols);
        var dw = Weight.Grad.Span;
        for (int b = 0; b < batch; b++)
        {
            var g = gradOutput.Row(b);
            var xin = x.Row(b);
            var d = dx.Row(b);
            for (int i = 0; i < rows; i++)
            {
                double gi = double.CreateChecked(g[i]);
                if (gi == 0)
                {
                    continue;
                }
                for (int j = 0; j < cols; j++)
                {
                    d[j] += T.CreateChecked(gi * used[(i * cols) + j]);
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

    /// <summary>Largest singular value of each k×k tile of <paramref name="w"/> (row-major tiles; 0 for an all-zero tile).</summary>
    private double[] TileGains(double[] w)
    {
        int k = Config.TileSize, rows = Outputs, cols = Inputs;
        var gains = new double[TilePasses];
        int tile = 0;
        for (int r0 = 0; r0 < rows; r0 += k)
        {
            for (int c0 = 0; c0 < cols; c0 += k, tile++)
            {
                gains[tile] = LargestSingularValue(w, cols, r0, Math.Min(k, rows - r0), c0, Math.Min(k, cols - c0));
            }
        }
        return gains;
    }

    /// <summary>σ_max of a block by power iteration on AᵀA (a small block: 100 iterations converge far below the converters' resolution), nudged up so the tile stays passive.</summary>
    internal static double LargestSingularValue(double[] w, int stride, int r0, int tr, int c0, int tc)
    {
        var v = new double[tc];
        var u = new double[tr];
        Array.Fill(v, 1 / Math.Sqrt(tc));
        double sigma = 0;
        for (int it = 0; it < 100; it++)
        {
            for (int i = 0; i < tr; i++)
            {
                double s = 0;
                for (int j = 0; j < tc; j++)
                {
                    s += w[((r0 + i) * stride) + c0 + j] * v[j];
                }
                u[i] = s;
            }
            Array.Clear(v);
            for (int i = 0; i < tr; i++)
            {
                for (int j = 0; j < tc; j++)
                {
                    v[j] += w[((r0 + i) * stride) + c0 + j] * u[i];
                }
            }
            double norm = Math.Sqrt(v.Sum(a => a * a));
            if (norm == 0)
            {
                return 0;
            }
            sigma = Math.Sqrt(norm);
            for (int j = 0; j < tc; j++)
            {
                v[j] /= norm;
            }
        }
        return sigma * (1 + 1e-9);
    }

    private static double Quantize(double v, double fullScale, int bits)
    {
        double c = Math.Clamp(v, -fullScale, fullScale);
        if (bits == 0)
        {
            return c;
        }
        double lsb = 2 * fullScale / ((1L << bits) - 1);
        return -fullScale + (Math.Round((c + fullScale) / lsb) * lsb);
    }

    /// <summary>
    /// Per sample, every non-zero tile is one pass of the core: k modulators with their DACs, laser light on k modes, two
    /// meshes' optical delay, k homodyne receivers (two balanced detectors each for I; only I is read) with their ADCs;
    /// the heaters of the layer's one core hold their phases throughout (static power), and loading each tile costs a heater
    /// settling time per batch, which the static power turns into energy.
    /// </summary>
    private void Charge(CostLedger ledger, int batch, int activeTiles)
    {
        var c = Config.Cost;
        int k = Config.TileSize;
        int passes = activeTiles * batch;
        c.ChargeModulators(ledger, $"{Name} core input", k, passes);
        long symbols = (long)k * passes;
        // Time multiplexed: one inference streams ReadsPerInference × tiles symbols through the core, one per symbol period,
        // plus the optical delay of two k-mode Clements meshes in series (2k MZI columns) for the last one.
        double latency = (ReadsPerInference * (double)activeTiles / c.SymbolRateHz) + (2 * k * c.SecondsPerColumn);
        c.ChargeLight(ledger, $"{Name} core", symbols, latency);
        // The core holds one tile at a time: each forward call loads every tile once and streams the whole batch through it.
        // A load waits one heater settling time with the heaters on; charged as energy here (so it averages over the call's
        // inferences, weights reprogrammed once per batch), not as latency (a batch then takes tiles × settling longer).
        double heaterWatts = 2.0 * k * k * c.PiPowerWatts;
        ledger.Charge($"{Name} core weight loads", CostCategory.Calibration, new Energy(activeTiles * heaterWatts * c.HeaterSettlingSeconds), activeTiles, Duration.Zero, c);
        c.ChargeDetectors(ledger, $"{Name} core homodyne", 2 * k, passes);
        // Heaters of one core: 2k² phases (k(k−1) MZI phases and k output phases per mesh), uniform on [0, 2π), so P_π each on average.
        ledger.AddStaticPower($"{Name} core heaters", new Power(heaterWatts), c);
    }
}
