using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// A dense layer y = x·Wᵀ + b computed on crossbar tiles (Digital → Digital, the converters inside):
/// each sample is scaled (noise management), quantized by the row DACs, multiplied on the tiles
/// (Ohm and Kirchhoff, normalised so a device at GMax under full-scale voltage gives 1), read with
/// output noise through the ADCs (re-read with halved input on saturation under bound management),
/// and the tiles' partial sums are added digitally, rescaled, drift-compensated, and the digital bias added.
/// <para>
/// Weights come from the <see cref="Weight"/> parameter (the design, mapped anew every forward, with
/// programming noise sampled in training when <see cref="AnalogConfig.TrainingProgrammingNoiseScale"/> &gt; 0,
/// i.e. hardware-aware training), or, when <see cref="Instance"/> is set, from that programmed copy's
/// state at <see cref="ForwardContext.AgeSeconds"/>.
/// </para>
/// <para>
/// Backward is the transposed read dL/dx = g·W_eff with the weights actually used, and dL/dW = gᵀ·x:
/// quantizers, noise and drift compensation are straight-through (treated as identity), as in
/// aihwkit's analog layers. With <see cref="AnalogConfig.Ideal"/> the layer is exact and its gradients match finite differences.
/// </para>
/// </summary>
public sealed class AnalogLinear<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;
    private T[]? _effective;
    private (CrossbarInstance Instance, double Age, int Version, CrossbarState State)? _stateCache;
    private T[]? _cachedIrWeights;
    private (CrossbarState State, T[] WHat, T[] WEff, T[]? ReadVariance)? _weightCache;
    private readonly ulong _noiseKey;
    private AnalogLinear<T>[]? _replicaReaders;

    /// <summary>A layer with weights drawn like <see cref="Linear{T}"/> (uniform ±1/√inputs, clipped to the mapping range).</summary>
    public AnalogLinear(int inputs, int outputs, Rng rng, AnalogConfig? config = null, bool bias = true, string name = "analog")
    {
        ArgumentNullException.ThrowIfNull(rng);
        Config = config ?? new AnalogConfig();
        Config.Validate();
        Layout = new TileLayout(inputs, outputs, Config.TileRows, Config.TileColumns);
        Name = name;
        double wMax = Config.Mapping.WeightMax;
        Weight = new Parameter<T>("weight", new Tensor<T>(outputs, inputs), -wMax, wMax);
        double bound = Math.Min(1.0 / Math.Sqrt(inputs), wMax);
        rng.FillUniform(Weight.Value.Span, -bound, bound);
        if (bias)
        {
            Bias = new Parameter<T>("bias", new Tensor<T>(outputs));
            rng.FillUniform(Bias.Value.Span, -1.0 / Math.Sqrt(inputs), 1.0 / Math.Sqrt(inputs));
        }
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
        // Layers sharing a name (the default) must not share noise streams: key them by a draw from the construction stream.
        _noiseKey = rng.NextULong();
    }

    // A reader of one replica: the same design (Weight, Bias: one storage, one gradient), its own programmed copy, noise streams and caches.
    private AnalogLinear(AnalogLinear<T> design, CrossbarInstance replica, ulong noiseKey)
    {
        Config = design.Config;
        Layout = design.Layout;
        Name = design.Name;
        Weight = design.Weight;
        Bias = design.Bias;
        Parameters = design.Parameters;
        Instance = replica;
        _noiseKey = noiseKey;
    }

    /// <summary>Converter, noise and mapping settings.</summary>
    public AnalogConfig Config { get; }

    /// <summary>How the matrix is split across tiles.</summary>
    public TileLayout Layout { get; }

    /// <summary>Inputs.</summary>
    public int Inputs => Layout.Inputs;

    /// <summary>Outputs.</summary>
    public int Outputs => Layout.Outputs;

    /// <summary>Weights [outputs, inputs], bounded to ±WeightMax (optimizers clip to it: hardware-aware weight clipping).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Digital bias [outputs], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>A programmed copy to read instead of the design weights, or null.</summary>
    public CrossbarInstance? Instance { get; set; }

    /// <summary>Drift compensation applied when reading <see cref="Instance"/> (default Global).</summary>
    public DriftCompensation Compensation { get; set; } = DriftCompensation.Global;

    /// <summary>Re-reads made by bound management so far.</summary>
    public long BoundManagementRereads { get; private set; }

    /// <summary>ADC outputs that stayed saturated after bound management so far.</summary>
    public long SaturatedOutputs { get; private set; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>The current weights as a crossbar design (copied).</summary>
    public CrossbarDesign ToDesign(PcmNoiseModel? noise = null)
    {
        var w = new double[Weight.Value.Length];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = double.CreateTruncating(Weight.Value[i]);
        }
        return new CrossbarDesign(w, Inputs, Outputs, Config.Mapping, noise ?? Config.Device.WithGMax(Config.Mapping.GMax));
    }

    /// <summary>Fabricates and programs a copy of the current weights and reads it from now on.</summary>
    public CrossbarInstance Program(DeviceVariation variation, ulong seed, PcmNoiseModel? noise = null)
    {
        Instance = ToDesign(noise).Fabricate(variation, seed);
        _replicaReaders = null;
        return Instance;
    }

    /// <summary>
    /// Fabricates <paramref name="copies"/> separately programmed copies of the current weights (each its own errors, from
    /// <paramref name="seed"/>) and reads them from now on with the weights replicated (<see cref="Replication"/>): sample b is
    /// read by copy b mod copies, so a convolution's patches are read in parallel. <see cref="Instance"/> becomes the first copy;
    /// setting <see cref="Instance"/> to anything else, or <see cref="Program"/>, ends the replication.
    /// </summary>
    public IReadOnlyList<CrossbarInstance> ProgramReplicas(int copies, DeviceVariation variation, ulong seed, PcmNoiseModel? noise = null)
    {
        if (copies is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(copies), $"copies must be in [1, 1024], got {copies}.");
        }
        var design = ToDesign(noise);
        var rng = new Rng(seed).Split($"{Name}/replicas");
        var instances = new CrossbarInstance[copies];
        for (int r = 0; r < copies; r++)
        {
            instances[r] = r == 0 ? design.Fabricate(variation, seed) : design.Fabricate(variation, rng.Split((ulong)r).NextULong());
        }
        Instance = instances[0];
        _replicaReaders = copies == 1 ? null : [.. instances.Select((inst, r) => new AnalogLinear<T>(this, inst, r == 0 ? _noiseKey : new Rng(_noiseKey).Split((ulong)r).NextULong()))];
        return instances;
    }

    /// <summary>Programmed copies read in turn (1 without replication).</summary>
    public int ReplicaCount => _replicaReaders is { } readers && ReferenceEquals(readers[0].Instance, Instance) ? readers.Length : 1;

    /// <summary>Latency of <paramref name="readsPerInference"/> reads (1 for a dense layer, output pixels for a convolution): the copies share them, ⌈reads / copies⌉ read cycles, s.</summary>
    public double LatencySeconds(long readsPerInference) => Replication.ReadCycles(readsPerInference, ReplicaCount) * Config.ReadCycleSeconds;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.RowLength != Inputs)
        {
            throw new ArgumentException($"{Name}: expects {Inputs} input features, got {x.RowLength}.", nameof(x));
        }
        if (ReplicaCount > 1)
        {
            return ForwardReplicated(x, ctx, _replicaReaders!);
        }
        var cfg = Config;
        var map = cfg.Mapping;
        int batch = x.Rows, nIn = Inputs, nOut = Outputs;
        var rng = ctx.Rng.Split(Name).Split(_noiseKey);

        // 1. Conductances (S) of the devices actually read.
        double[] gp, gm, comp;
        T[]? irWeights = null;
        if (Instance is { } inst)
        {
            var state = StateOf(inst, ctx);
            (gp, gm, comp) = (state.GPlus, state.GMinus, state.CompensationFactors);
            if (cfg.WireResistanceOhms > 0)
            {
                irWeights = _cachedIrWeights ??= IrDropWeights(gp, gm);
            }
        }
        else
        {
            var w = new double[Weight.Value.Length];
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = double.CreateTruncating(Weight.Value[i]);
            }
            gp = new double[w.Length];
            gm = new double[w.Length];
            map.ToConductances(w, gp, gm, $"{Name}.weight");
            if (ctx.IsTraining && cfg.TrainingProgrammingNoiseScale > 0)
            {
                // PCM programming noise G + σ(G)·z, clipped at 0 S, with z drawn in SIMD lanes (one stream per device side).
                var pcm = cfg.Device.WithGMax(map.GMax, cfg.Device.ProgrammingNoiseScale * cfg.TrainingProgrammingNoiseScale);
                var prng = rng.Split("programming");
                var z = new double[w.Length];
                foreach (var g in new[] { gp, gm })
                {
                    VectorGaussian.Fill<double>(z, prng.NextULong());
                    for (int i = 0; i < g.Length; i++)
                    {
                        g[i] = Math.Max(0, g[i] + (pcm.ProgrammingSigma(g[i]) * z[i]));
                    }
                }
            }
            comp = [.. Enumerable.Repeat(1.0, nOut)];
            if (cfg.WireResistanceOhms > 0)
            {
                irWeights = IrDropWeights(gp, gm);
            }
        }

        // 2. Normalised weights ŵ = (G⁺ − G⁻)/GMax and the effective digital weights for backward
        //    (kept while a programmed instance's state is reused).
        T[]? readVariance = null;
        var (wHat, wEff) = Instance is not null && _weightCache is { } wc && ReferenceEquals(wc.State, _stateCache?.State)
            ? (wc.WHat, wc.WEff)
            : NormalisedWeights(gp, gm, comp);
        var tileWeights = irWeights ?? wHat; // what the tiles multiply by: the ideal ŵ, or the IR-drop transfer matrices
        if (Instance is not null)
        {
            var state = _stateCache!.Value.State;
            readVariance = _weightCache is { } wr && ReferenceEquals(wr.State, state) ? wr.ReadVariance : ReadVariance(state);
            _weightCache = (state, wHat, wEff, readVariance);
        }

        // 3. Noise management and DAC, fused and vectorised in T: scale[b·RowBlocks + rb] for sample b, tile row rb.
        int rowBlocks = Layout.RowBlocks;
        var scale = new double[batch * rowBlocks];
        // Work buffers come from the shared pool: at batch 256 each is a large-object-heap array, and
        // allocating them on every read triggered full garbage collections that cost more than the read.
        var xq = System.Buffers.ArrayPool<T>.Shared.Rent(batch * nIn);
        QuantizeInputs(x, xq, scale);

        // 4. Tile reads, ADC, digital accumulation.
        var y = new Tensor<T>(batch, nOut);
        var noiseRng = rng.Split("output");
        var readRng = rng.Split("read-noise");
        long rereads = 0, saturated = 0;
        for (int rb = 0; rb < Layout.RowBlocks; rb++)
        {
            var (r0, nr) = Layout.RowRange(rb);
            for (int cb = 0; cb < Layout.ColumnBlocks; cb++)
            {
                var (c0, nc) = Layout.ColumnRange(cb);
                var partial = System.Buffers.ArrayPool<T>.Shared.Rent(batch * nc);
                partial.AsSpan(0, batch * nc).Clear();
                Gemm.Multiply(false, true, batch, nc, nr, T.One, xq.AsSpan(r0), nIn, tileWeights.AsSpan((c0 * nIn) + r0), nIn, T.Zero, partial, nc);
                ulong tileKey = (ulong)((rb * Layout.ColumnBlocks) + cb) * (ulong)batch;
                // Each sample draws its noise from its own stream, so results do not depend on the thread count.
                void Samples(int bStart, int bEnd)
                {
                    var q = new T[nc];
                    long localRereads = 0, localSaturated = 0;
                    for (int b = bStart; b < bEnd; b++)
                    {
                        var sampleRng = noiseRng.Split(tileKey + (ulong)b);
                        var sampleReadRng = readVariance is null ? null : readRng.Split(tileKey + (ulong)b);
                        if (sampleReadRng is not null)
                        {
                            AddReadNoise(xq.AsSpan((b * nIn) + r0, nr), readVariance!, r0, nr, c0, nc, partial.AsSpan(b * nc, nc), sampleReadRng.NextULong());
                        }
                        bool sat = Convert(partial.AsSpan(b * nc, nc), q, sampleRng);
                        double factor = 1;
                        for (int k = 0; sat && cfg.BoundManagement == BoundManagement.Iterative && k < cfg.MaxBoundManagementRounds; k++)
                        {
                            factor *= 0.5;
                            localRereads++;
                            sat = Reread(x.Row(b), scale[(b * rowBlocks) + rb], factor, tileWeights, r0, nr, c0, nc, q, sampleRng, readVariance, sampleReadRng);
                        }
                        if (sat)
                        {
                            localSaturated++;
                        }
                        // y += ADC value · (input scale · WeightMax / re-read factor): the digital rescaling, fused.
                        var yr = y.Row(b).Slice(c0, nc);
                        System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd(q, T.CreateTruncating(scale[(b * rowBlocks) + rb] * map.WeightMax / factor), yr, yr);
                    }
                    Interlocked.Add(ref rereads, localRereads);
                    Interlocked.Add(ref saturated, localSaturated);
                }
                const int block = 16;
                int blocks = (batch + block - 1) / block;
                // Threads as the GEMM's (Gemm.MaxThreads), so a one-thread read is one thread throughout.
                if (blocks > 1 && Gemm.MaxThreads > 1 && (long)batch * nc >= 1 << 15)
                {
                    Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Gemm.MaxThreads }, blk => Samples(blk * block, Math.Min(batch, (blk + 1) * block)));
                }
                else
                {
                    Samples(0, batch);
                }
                System.Buffers.ArrayPool<T>.Shared.Return(partial);
            }
        }
        BoundManagementRereads += rereads;
        SaturatedOutputs += saturated;
        // Drift compensation and the digital bias, per column.
        var compT = new T[nOut];
        System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, T>(comp, compT);
        Compensate(y, compT);

        _input = ctx.IsTraining ? x : null;
        _effective = ctx.IsTraining ? wEff : null;
        if (ctx.Ledger is { } ledger)
        {
            Charge(ledger, batch, xq, gp, gm, rereads);
        }
        System.Buffers.ArrayPool<T>.Shared.Return(xq);
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_replicaReaders is { } readers && _input is null && readers[0]._input is not null)
        {
            // Each copy's transposed read for the samples it read; the shared Weight.Grad and Bias.Grad sum over all of them.
            var dxAll = new Tensor<T>(gradOutput.Rows, Inputs);
            for (int r = 0; r < readers.Length; r++)
            {
                if (readers[r]._input is not null)
                {
                    Replication.Scatter(readers[r].Backward(Replication.Gather(gradOutput, readers.Length, r)), dxAll, readers.Length, r);
                }
            }
            return dxAll;
        }
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        var wEff = _effective!;
        int batch = x.Rows;
        // Straight-through: dW += gᵀ·x ; db += Σ g ; dx = g·W_eff (the transposed crossbar read).
        Gemm.Multiply(true, false, Outputs, Inputs, batch, T.One, gradOutput.Data, Outputs, x.Data, Inputs, T.One, Weight.Grad.Data, Inputs);
        if (Bias is not null)
        {
            var db = Bias.Grad.Span;
            for (int b = 0; b < batch; b++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(db, gradOutput.Row(b), db);
            }
        }
        var dx = new Tensor<T>(batch, Inputs);
        Gemm.Multiply(false, false, batch, Inputs, Outputs, T.One, gradOutput.Data, Outputs, wEff, Inputs, T.Zero, dx.Data, Inputs);
        return dx.Reshape([.. x.Shape]);
    }

    // The samples dealt round-robin to the copies' readers; every reader charges its reads to the same ledger terms.
    private Tensor<T> ForwardReplicated(Tensor<T> x, ForwardContext ctx, AnalogLinear<T>[] readers)
    {
        var y = new Tensor<T>(x.Rows, Outputs);
        for (int r = 0; r < readers.Length; r++)
        {
            var reader = readers[r];
            reader._input = null;
            var part = Replication.Gather(x, readers.Length, r);
            if (part.Rows == 0)
            {
                continue;
            }
            reader.Compensation = Compensation;
            long rereads = reader.BoundManagementRereads, saturated = reader.SaturatedOutputs;
            Replication.Scatter(reader.Forward(part, ctx), y, readers.Length, r);
            BoundManagementRereads += reader.BoundManagementRereads - rereads;
            SaturatedOutputs += reader.SaturatedOutputs - saturated;
        }
        _input = null;
        _effective = null;
        return y;
    }

    private CrossbarState StateOf(CrossbarInstance inst, ForwardContext ctx)
    {
        if (_stateCache is { } c && ReferenceEquals(c.Instance, inst) && c.Age == ctx.AgeSeconds && c.State.TemperatureKelvin == ctx.TemperatureKelvin && c.Version == inst.Version && c.State.CompensationMode == Compensation)
        {
            return c.State;
        }
        var state = Config.ReadNoisePerRead ? inst.Drifted(ctx.AgeSeconds, Compensation, ctx.TemperatureKelvin) : inst.At(ctx.AgeSeconds, Compensation, ctx.TemperatureKelvin);
        _stateCache = (inst, ctx.AgeSeconds, inst.Version, state);
        _cachedIrWeights = null;
        return state;
    }

    // Output noise then ADC on one tile row (normalised units, vectorised); true if any output saturated.
    // Each read draws a fresh noise key from the sample's stream (re-reads see new noise).
    private bool Convert(ReadOnlySpan<T> analog, Span<T> q, Rng noiseRng)
    {
        analog.CopyTo(q);
        VectorGaussian.Add(q, Config.OutputNoise, noiseRng.NextULong());
        return SignedQuantizer.QuantizeInPlace(q, Config.OutputBound, Config.AdcBits);
    }

    // ŵ = (G⁺ − G⁻)/GMax read by the tiles, and W_eff = ŵ·WeightMax·compensation used by Backward.
    private (T[] WHat, T[] WEff) NormalisedWeights(double[] gp, double[] gm, double[] comp)
    {
        var map = Config.Mapping;
        int nIn = Inputs;
        var wHat = new T[gp.Length];
        var wEff = new T[gp.Length];
        var d = new double[nIn];
        for (int j = 0; j < Outputs; j++)
        {
            var rowP = gp.AsSpan(j * nIn, nIn);
            var rowM = gm.AsSpan(j * nIn, nIn);
            System.Numerics.Tensors.TensorPrimitives.Subtract<double>(rowP, rowM, d);
            System.Numerics.Tensors.TensorPrimitives.Divide<double>(d, map.GMax, d);
            System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, T>(d, wHat.AsSpan(j * nIn, nIn));
            System.Numerics.Tensors.TensorPrimitives.Multiply<double>(d, map.WeightMax * comp[j], d);
            System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, T>(d, wEff.AsSpan(j * nIn, nIn));
        }
        return (wHat, wEff);
    }

    // Noise management and DAC per sample (independent, no random draws), split over the GEMM's threads
    // like the tile reads. A method of its own so the lambda captures only its arguments, not Forward's locals.
    private void QuantizeInputs(Tensor<T> x, T[] xq, double[] scale)
    {
        var cfg = Config;
        int batch = x.Rows, nIn = Inputs, rowBlocks = Layout.RowBlocks;
        ForSamples(batch, (long)batch * nIn, b =>
        {
            var xRow = x.Row(b);
            double sampleMax = Math.Abs(double.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<T>(xRow)));
            for (int rb = 0; rb < rowBlocks; rb++)
            {
                var (r0, nr) = Layout.RowRange(rb);
                double s = cfg.NoiseManagement switch
                {
                    NoiseManagement.AbsMax => sampleMax,
                    NoiseManagement.AbsMaxPerTile => Math.Abs(double.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<T>(xRow.Slice(r0, nr)))),
                    _ => cfg.InputBound,
                };
                scale[(b * rowBlocks) + rb] = s;
                var block = xq.AsSpan((b * nIn) + r0, nr);
                if (s == 0)
                {
                    block.Clear();
                    continue;
                }
                System.Numerics.Tensors.TensorPrimitives.Divide(xRow.Slice(r0, nr), T.CreateTruncating(s), block);
                SignedQuantizer.QuantizeInPlace(block, 1.0, cfg.DacBits);
            }
        });
    }

    // Drift compensation and the digital bias, per sample (see QuantizeInputs for the threading).
    private void Compensate(Tensor<T> y, T[] compT)
    {
        ForSamples(y.Rows, (long)y.Rows * Outputs, b =>
        {
            var yr = y.Row(b);
            System.Numerics.Tensors.TensorPrimitives.Multiply(yr, compT, yr);
            if (Bias is not null)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(yr, Bias.Value.Span, yr);
            }
        });
    }

    // Runs body(b) for every sample, in blocks over Gemm.MaxThreads threads when the work is large enough to pay for them.
    private static void ForSamples(int batch, long elements, Action<int> body)
    {
        const int block = 16;
        int blocks = (batch + block - 1) / block;
        if (blocks > 1 && Gemm.MaxThreads > 1 && elements >= 1 << 15)
        {
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Gemm.MaxThreads }, blk =>
            {
                for (int b = blk * block, end = Math.Min(batch, (blk + 1) * block); b < end; b++)
                {
                    body(b);
                }
            });
            return;
        }
        for (int b = 0; b < batch; b++)
        {
            body(b);
        }
    }

    private bool Reread(Span<T> row, double s, double factor, T[] tileWeights, int r0, int nr, int c0, int nc, T[] q, Rng noiseRng, T[]? readVariance, Rng? readRng)
    {
        var xs = new double[nr];
        for (int i = 0; i < nr; i++)
        {
            xs[i] = s == 0 ? 0 : SignedQuantizer.Quantize(double.CreateTruncating(row[r0 + i]) / s * factor, 1.0, Config.DacBits, out _);
        }
        var analog = new T[nc];
        var xt = new T[nr];
        System.Numerics.Tensors.TensorPrimitives.ConvertTruncating<double, T>(xs, xt);
        // One sample through the tile as the first read does (a GEMM row in T), so a re-read costs a vector pass, not a scalar loop.
        Gemm.Multiply(false, true, 1, nc, nr, T.One, xt, nr, tileWeights.AsSpan((c0 * Inputs) + r0), Inputs, T.Zero, analog, nc);
        if (readVariance is not null)
        {
            AddReadNoise(xt, readVariance, r0, nr, c0, nc, analog, readRng!.NextULong()); // a re-read is a new read: new noise
        }
        return Convert(analog, q, noiseRng);
    }

    // Per-read device noise on one sample's tile read, normalised units: column j gets √(Σᵢ x̂ᵢ² v_ji)·z_j, v = (σ⁺² + σ⁻²)/GMax².
    private void AddReadNoise(ReadOnlySpan<T> xs, T[] readVariance, int r0, int nr, int c0, int nc, Span<T> analog, ulong key)
    {
        var x2 = System.Buffers.ArrayPool<T>.Shared.Rent(nr);
        var v = System.Buffers.ArrayPool<T>.Shared.Rent(nc);
        System.Numerics.Tensors.TensorPrimitives.Multiply(xs, xs, x2.AsSpan(0, nr));
        Gemm.Multiply(false, true, 1, nc, nr, T.One, x2, nr, readVariance.AsSpan((c0 * Inputs) + r0), Inputs, T.Zero, v, nc);
        var vs = v.AsSpan(0, nc);
        System.Numerics.Tensors.TensorPrimitives.Sqrt<T>(vs, vs);
        var z = System.Buffers.ArrayPool<T>.Shared.Rent(nc);
        VectorGaussian.Fill(z.AsSpan(0, nc), key);
        System.Numerics.Tensors.TensorPrimitives.FusedMultiplyAdd<T>(vs, z.AsSpan(0, nc), analog, analog);
        System.Buffers.ArrayPool<T>.Shared.Return(z);
        System.Buffers.ArrayPool<T>.Shared.Return(v);
        System.Buffers.ArrayPool<T>.Shared.Return(x2);
    }

    // (σ⁺² + σ⁻²)/GMax² per device [outputs, inputs] when the state's read noise is drawn per read; null when it is frozen in or zero.
    private T[]? ReadVariance(CrossbarState state)
    {
        if (state.ReadSigmaPlus is not { } sp || state.ReadSigmaMinus is not { } sm)
        {
            return null;
        }
        double g2 = Config.Mapping.GMax * Config.Mapping.GMax;
        var v = new T[sp.Length];
        bool any = false;
        for (int k = 0; k < v.Length; k++)
        {
            double d = ((sp[k] * sp[k]) + (sm[k] * sm[k])) / g2;
            any |= d > 0;
            v[k] = T.CreateTruncating(d);
        }
        return any ? v : null;
    }

    // Tiles with resistive wires: each tile's read I = M·V (IrDropNetwork.TransferMatrix, exact for the linear network) in
    // normalised units, M/GMax, laid out like ŵ [outputs, inputs]; computed once while a programmed instance's state is reused.
    private T[] IrDropWeights(double[] gp, double[] gm)
    {
        var weights = new T[gp.Length];
        double gMax = Config.Mapping.GMax;
        for (int rb = 0; rb < Layout.RowBlocks; rb++)
        {
            var (r0, nr) = Layout.RowRange(rb);
            for (int cb = 0; cb < Layout.ColumnBlocks; cb++)
            {
                var (c0, nc) = Layout.ColumnRange(cb);
                var tile = new CrossbarTile(nr, nc);
                for (int i = 0; i < nr; i++)
                {
                    for (int j = 0; j < nc; j++)
                    {
                        int k = ((c0 + j) * Inputs) + r0 + i;
                        tile.GPlus[(i * nc) + j] = gp[k];
                        tile.GMinus[(i * nc) + j] = gm[k];
                    }
                }
                var m = new IrDropNetwork(tile, Config.WireResistanceOhms).TransferMatrix();
                for (int j = 0; j < nc; j++)
                {
                    for (int i = 0; i < nr; i++)
                    {
                        weights[((c0 + j) * Inputs) + r0 + i] = T.CreateTruncating(m[(j * nr) + i] / gMax);
                    }
                }
            }
        }
        return weights;
    }

    private void Charge(CostLedger ledger, int batch, T[] xq, double[] gp, double[] gm, long rereads)
    {
        var cfg = Config;
        double v = cfg.ArrayCost.ReadVoltage, t = cfg.ArrayCost.ReadSeconds;
        int dacBits = cfg.DacBits ?? 8, adcBits = cfg.AdcBits ?? 8;
        // Array: Σ_b Σ_i V_i² Σ_j (G⁺ + G⁻)_ji · t.
        var rowG = new double[Inputs];
        for (int j = 0; j < Outputs; j++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                rowG[i] += gp[(j * Inputs) + i] + gm[(j * Inputs) + i];
            }
        }
        double array = 0;
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                double xi = Math.Abs(double.CreateTruncating(xq[(b * Inputs) + i]));
                array += (cfg.InputEncoding == InputEncoding.PulseWidth ? xi : xi * xi) * v * v * rowG[i];
            }
        }
        array *= t;
        long dacConversions = (long)batch * Inputs * Layout.ColumnBlocks;
        long columnReads = ((long)batch * Outputs * Layout.RowBlocks) + (rereads * Math.Min(Outputs, Layout.TileColumns));
        int cellsPerRow = 2 * Math.Min(Outputs, Layout.TileColumns);
        ledger.Charge($"{Name} DAC", CostCategory.Converter, new Energy(dacConversions * cfg.DacCost.EnergyPerConversion(dacBits, v, cellsPerRow)), dacConversions, new Duration(cfg.DacCost.ConversionSeconds), cfg.DacCost);
        ledger.Charge($"{Name} array", CostCategory.Core, new Energy(array), (long)batch * Layout.TileCount, new Duration(t), cfg.ArrayCost);
        ledger.Charge($"{Name} TIA", CostCategory.Converter, new Energy(columnReads * cfg.TiaCost.EnergyPerRead(t)), columnReads, Duration.Zero, cfg.TiaCost);
        ledger.Charge($"{Name} ADC", CostCategory.Converter, new Energy(columnReads * cfg.AdcCost.EnergyPerConversion(adcBits)), columnReads, Duration.FromRate(cfg.AdcCost.SampleRate), cfg.AdcCost);
        long digitalOps = (long)batch * Outputs * Layout.RowBlocks;
        ledger.Charge($"{Name} partial sums", CostCategory.Control, new Energy(digitalOps * cfg.DigitalCost.MacJoules), digitalOps, Duration.Zero, cfg.DigitalCost);
    }
}
