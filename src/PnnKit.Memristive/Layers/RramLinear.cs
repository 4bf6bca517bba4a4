using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Crossbar;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Periphery;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace PnnKit.Memristive.Layers;

/// <summary>
/// A dense layer y = x·Wᵀ + b read on fabricated 1T1R RRAM arrays (Digital → Digital, converters inside), as the memristor
/// CNN of Yao et al., Nature 577, 641 (2020) computes: weights are differential row pairs of 8-level cells programmed by
/// write-verify (<see cref="RramArrayInstance.Program"/>) on arrays of <see cref="RramLayerConfig.ArrayRows"/> ×
/// <see cref="RramLayerConfig.ArrayColumns"/> cells; each sample is scaled by its largest input (noise management, undone
/// digitally), quantized by the row DACs to ±<see cref="RramDeviceModel.ReadVoltage"/>, read through the cells' nonlinear
/// I–V with a fresh read-noise draw, converted by the column ADCs; the arrays' partial sums are added digitally, rescaled,
/// and the digital bias added. The state read is the programmed map at <see cref="ForwardContext.AgeSeconds"/> (relaxation).
/// <para>
/// Read noise: every cell's conductance fluctuates independently per read (G·(1 + σ·z)), so a column's current is Gaussian
/// about its mean with variance σ² Σᵢ G²·I(Vᵢ)²/G² over its cells; the layer draws that sum directly (exact in distribution,
/// one draw per column per read instead of one per cell; <see cref="RramArrayState.Read(ReadOnlySpan{double}, Rng)"/> is the per-cell form).
/// </para>
/// <para>
/// Before <see cref="Program"/> the layer reads the design: the pair conductances the weights map to, unquantized (a
/// differentiable twin, for checks). Backward is straight-through: dL/dx = g·W_read with the weights actually programmed
/// (the transposed read; converters, noise and the I–V nonlinearity treated as identity), dL/dW = gᵀ·x, dL/db = Σ g.
/// </para>
/// <para>
/// A separate layer rather than a second conductance source inside <see cref="AnalogLinear{T}"/>: that layer's read is in
/// normalised units with PCM drift compensation, IR-drop networks and iterative bound management woven through one GEMM per
/// tile; the RRAM read is in volts and amperes through a nonlinear cell, per fabricated array, with replicas. Sharing
/// <see cref="TileLayout"/>, <see cref="SignedQuantizer"/>, the Periphery cost models and <see cref="PatchConvolution{T}"/>
/// keeps this one short without branching every step of the other.
/// </para>
/// </summary>
public sealed class RramLinear<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ulong _noiseKey;
    private long _reads;
    private Tensor<T>? _input;
    private Read[]? _backwardRead;
    private RramArrayInstance[][]? _arrays;
    private RramArrayState[][]? _states;
    private double[][][]? _targets;
    private bool[][][]? _failed;
    private (double Age, Read[] Reads)? _cache;

    /// <summary>A layer of <paramref name="inputs"/> → <paramref name="outputs"/> with weights in ±<paramref name="weightMax"/>, drawn like <see cref="Linear{T}"/> (uniform ±1/√inputs, clipped).</summary>
    public RramLinear(int inputs, int outputs, double weightMax, Rng rng, RramLayerConfig? config = null, bool bias = true, string name = "rram")
    {
        ArgumentNullException.ThrowIfNull(rng);
        Config = config ?? new RramLayerConfig();
        Config.Validate();
        if (!(weightMax > 0) || !double.IsFinite(weightMax))
        {
            throw new ArgumentOutOfRangeException(nameof(weightMax), $"weightMax must be finite and > 0, got {weightMax}.");
        }
        Layout = new TileLayout(inputs, outputs, Config.InputsPerArray, Config.ArrayColumns);
        Mapping = Config.Device.Mapping(weightMax);
        Name = name;
        Weight = new Parameter<T>("weight", new Tensor<T>(outputs, inputs), -weightMax, weightMax);
        double bound = Math.Min(1.0 / Math.Sqrt(inputs), weightMax);
        rng.FillUniform(Weight.Value.Span, -bound, bound);
        if (bias)
        {
            Bias = new Parameter<T>("bias", new Tensor<T>(outputs));
            rng.FillUniform(Bias.Value.Span, -1.0 / Math.Sqrt(inputs), 1.0 / Math.Sqrt(inputs));
        }
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
        _noiseKey = rng.NextULong();
    }

    /// <summary>Cell, arrays, converters.</summary>
    public RramLayerConfig Config { get; }

    /// <summary>How the [inputs, outputs] matrix splits over arrays (inputs per array = rows / 2).</summary>
    public TileLayout Layout { get; }

    /// <summary>Weight ↔ pair conductance mapping: 8-level cells, 15 weight levels in ±WeightMax.</summary>
    public WeightMapping Mapping { get; }

    /// <summary>Inputs.</summary>
    public int Inputs => Layout.Inputs;

    /// <summary>Outputs.</summary>
    public int Outputs => Layout.Outputs;

    /// <summary>Weights [outputs, inputs], bounded to ±WeightMax: the design (digital copy) hybrid training updates.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Digital bias [outputs], or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>Whether the weights are on fabricated arrays (<see cref="Program"/> was called).</summary>
    public bool IsProgrammed => _states is not null;

    /// <summary>Cells on the fabricated arrays: replicas · arrays · 2 · inputs · outputs in use (whole arrays counted in <see cref="ArrayCount"/>).</summary>
    public long Cells => 2L * Inputs * Outputs * Config.Replicas;

    /// <summary>Fabricated arrays: replicas · row blocks · column blocks.</summary>
    public int ArrayCount => Config.Replicas * Layout.TileCount;

    /// <summary>ADC outputs that clipped so far.</summary>
    public long SaturatedOutputs { get; private set; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Latency of <paramref name="readsPerInference"/> reads (1 for a dense layer, output pixels for a convolution): the replicas share them, ⌈reads / Replicas⌉ read cycles, s.</summary>
    public double LatencySeconds(long readsPerInference) => Replication.ReadCycles(readsPerInference, Config.Replicas) * Config.ReadCycleSeconds;

    /// <summary>
    /// Fabricates <see cref="ArrayCount"/> arrays from <paramref name="seed"/> (each replica and array its own cells) and
    /// writes the current weights onto them by write-verify; the layer reads them from now on.
    /// </summary>
    public RramLayerProgramming Program(ulong seed)
    {
        var rng = new Rng(seed).Split(Name);
        _arrays = new RramArrayInstance[Config.Replicas][];
        for (int r = 0; r < Config.Replicas; r++)
        {
            _arrays[r] = new RramArrayInstance[Layout.TileCount];
            for (int t = 0; t < Layout.TileCount; t++)
            {
                var (_, nr) = Layout.RowRange(t / Layout.ColumnBlocks);
                var (_, nc) = Layout.ColumnRange(t % Layout.ColumnBlocks);
                _arrays[r][t] = RramArrayInstance.Fabricate(Config.Device, 2 * nr, nc, rng.Split($"replica/{r}/array/{t}").NextULong());
            }
        }
        _states = null;
        _targets = null;
        _failed = null;
        return Write();
    }

    /// <summary>
    /// Writes the current weights onto the programmed arrays by write-verify, starting from their present conductances:
    /// only cells whose target level changed are pulsed (hybrid training's in-situ update), so a weight is rewritten once it
    /// has moved past half a weight level: the threshold is the 15-level quantization itself.
    /// </summary>
    public RramLayerProgramming Reprogram()
    {
        if (_arrays is null)
        {
            throw new InvalidOperationException($"{Name}: Reprogram needs Program first.");
        }
        return Write();
    }

    /// <summary>The fabricated arrays of replica <paramref name="replica"/>, tile by tile (row block · column blocks + column block).</summary>
    public IReadOnlyList<RramArrayInstance> ArraysOf(int replica = 0) => (_arrays ?? throw new InvalidOperationException($"{Name}: not programmed."))[replica];

    /// <summary>The programmed maps of replica <paramref name="replica"/> (age 0), tile by tile.</summary>
    public IReadOnlyList<RramArrayState> StatesOf(int replica = 0) => (_states ?? throw new InvalidOperationException($"{Name}: not programmed."))[replica];

    /// <summary>The weights [outputs, inputs] replica <paramref name="replica"/> holds: (G⁺ − G⁻) / Scale of its programmed cells.</summary>
    public double[] ProgrammedWeights(int replica = 0)
    {
        var states = _states ?? throw new InvalidOperationException($"{Name}: not programmed.");
        var w = new double[Inputs * Outputs];
        for (int t = 0; t < Layout.TileCount; t++)
        {
            var (r0, nr) = Layout.RowRange(t / Layout.ColumnBlocks);
            var (c0, nc) = Layout.ColumnRange(t % Layout.ColumnBlocks);
            var wt = RramDifferentialPairs.Weights(Mapping, states[replica][t]);
            for (int i = 0; i < nr; i++)
            {
                for (int j = 0; j < nc; j++)
                {
                    w[((c0 + j) * Inputs) + r0 + i] = wt[(i * nc) + j];
                }
            }
        }
        return w;
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
        var reads = ReadsAt(ctx.AgeSeconds);
        int batch = x.Rows, nIn = Inputs, nOut = Outputs, replicas = Config.Replicas;
        var dev = Config.Device;
        double v = dev.ReadVoltage, unitCurrent = dev.Current(1, v), window = dev.GMax - dev.GMin, sigma = dev.ReadNoise;
        var noise = ctx.Rng.Split(Name).Split(_noiseKey).Split((ulong)Interlocked.Increment(ref _reads));
        var y = new Tensor<T>(batch, nOut);
        var bias = Bias?.Value.Data;
        const int block = 16;
        int blocks = (batch + block - 1) / block;
        // Each block of samples sums its own energy, and the blocks are added in order afterwards: the same
        // floating-point sum whichever thread ran which block (DESIGN: the same result for any thread count).
        var blockEnergy = new double[blocks];
        long saturated = 0;
        void Samples(int blk)
        {
            int b0 = blk * block, b1 = Math.Min(batch, b0 + block);
            var f = new double[nIn];
            var f2 = new double[nIn];
            var vf = new double[nIn];
            double localEnergy = 0;
            long localSaturated = 0;
            for (int b = b0; b < b1; b++)
            {
                var read = reads[Replication.ReplicaOf(b, replicas)];
                var xr = x.Row(b);
                var yr = y.Row(b);
                double s = Math.Abs(double.CreateTruncating(TensorPrimitives.MaxMagnitude<T>(xr)));
                var rng = noise.Split((ulong)b);
                // DAC codes → row voltages ±V·x̂ → the cell current per unit conductance I(V)/G = V·(1 + a·V²).
                for (int i = 0; i < nIn; i++)
                {
                    double xh = s == 0 ? 0 : SignedQuantizer.Quantize(double.CreateTruncating(xr[i]) / s, 1.0, Config.DacBits, out _);
                    double vi = xh * v;
                    f[i] = dev.Current(1, vi);
                    f2[i] = f[i] * f[i];
                    vf[i] = vi * f[i];
                }
                for (int rb = 0; rb < Layout.RowBlocks; rb++)
                {
                    var (r0, nr) = Layout.RowRange(rb);
                    double fullScale = Config.AdcFullScaleFraction * nr * window * unitCurrent;
                    var fs = f.AsSpan(r0, nr);
                    for (int j = 0; j < nOut; j++)
                    {
                        int k = (j * nIn) + r0;
                        double current = TensorPrimitives.Dot<double>(read.DeltaG.AsSpan(k, nr), fs);
                        if (sigma > 0)
                        {
                            current += sigma * Math.Sqrt(TensorPrimitives.Dot<double>(read.GSquared.AsSpan(k, nr), f2.AsSpan(r0, nr))) * rng.Normal();
                        }
                        localEnergy += TensorPrimitives.Dot<double>(read.GSum.AsSpan(k, nr), vf.AsSpan(r0, nr));
                        double code = current;
                        if (!double.IsPositiveInfinity(fullScale))
                        {
                            code = SignedQuantizer.Quantize(current, fullScale, Config.AdcBits, out bool sat);
                            localSaturated += sat ? 1 : 0;
                        }
                        // Digital: ADC value back to weight · input units, scaled by the sample's input scale.
                        yr[j] += T.CreateTruncating(code * s / (v * Mapping.Scale));
                    }
                }
                if (bias is not null)
                {
                    TensorPrimitives.Add(yr, bias, yr);
                }
            }
            blockEnergy[blk] = localEnergy;
            Interlocked.Add(ref saturated, localSaturated);
        }
        if (blocks > 1 && Gemm.MaxThreads > 1 && (long)batch * nIn * nOut >= 1 << 15)
        {
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Gemm.MaxThreads }, Samples);
        }
        else
        {
            for (int blk = 0; blk < blocks; blk++)
            {
                Samples(blk);
            }
        }
        double arrayEnergy = 0;
        foreach (double e in blockEnergy)
        {
            arrayEnergy += e;
        }
        SaturatedOutputs += saturated;
        _input = ctx.IsTraining ? x : null;
        _backwardRead = ctx.IsTraining ? reads : null;
        if (ctx.Ledger is { } ledger)
        {
            Charge(ledger, batch, arrayEnergy * Config.ArrayCost.ReadSeconds);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        var reads = _backwardRead!;
        int batch = x.Rows, nIn = Inputs, nOut = Outputs;
        Gemm.Multiply(true, false, nOut, nIn, batch, T.One, gradOutput.Data, nOut, x.Data, nIn, T.One, Weight.Grad.Data, nIn);
        if (Bias is not null)
        {
            var db = Bias.Grad.Span;
            for (int b = 0; b < batch; b++)
            {
                TensorPrimitives.Add(db, gradOutput.Row(b), db);
            }
        }
        // The transposed read: each sample through the replica that read it.
        var dx = new Tensor<T>(batch, nIn);
        for (int r = 0; r < reads.Length && r < batch; r++)
        {
            int rows = Replication.RowsOf(batch, reads.Length, r);
            Gemm.Multiply(false, false, rows, nIn, nOut, T.One, gradOutput.Data.AsSpan(r * nOut), reads.Length * nOut, reads[r].Weights, nIn, T.Zero, dx.Data.AsSpan(r * nIn), reads.Length * nIn);
        }
        return dx.Reshape([.. x.Shape]);
    }

    private RramLayerProgramming Write()
    {
        var w = new double[Inputs * Outputs];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = double.CreateTruncating(Weight.Value[i]);
        }
        long pulses = 0, changed = 0, sets = 0, reads = 0;
        double verified = 0;
        int failed = 0, clipped = 0;
        var states = new RramArrayState[Config.Replicas][];
        var targetsNow = new double[Config.Replicas][][];
        var failedNow = new bool[Config.Replicas][][];
        for (int r = 0; r < Config.Replicas; r++)
        {
            states[r] = new RramArrayState[Layout.TileCount];
            targetsNow[r] = new double[Layout.TileCount][];
            failedNow[r] = new bool[Layout.TileCount][];
            for (int t = 0; t < Layout.TileCount; t++)
            {
                var (r0, nr) = Layout.RowRange(t / Layout.ColumnBlocks);
                var (c0, nc) = Layout.ColumnRange(t % Layout.ColumnBlocks);
                var block = new double[nr * nc];
                for (int i = 0; i < nr; i++)
                {
                    for (int j = 0; j < nc; j++)
                    {
                        block[(i * nc) + j] = w[((c0 + j) * Inputs) + r0 + i];
                    }
                }
                var targets = RramDifferentialPairs.Targets(Mapping, block, nr, nc, out int c);
                var pairTargets = (double[])targets.Clone();
                var from = _states?[r][t];
                var last = _targets?[r][t];
                var known = failedNow[r][t] = (bool[]?)_failed?[r][t]?.Clone() ?? new bool[targets.Length];
                if (from is not null && Config.CompensateStuckCells)
                {
                    CompensatePartners(pairTargets, targets, known, from, nc, null);
                }
                // Only cells whose target level changed are written (all of them the first time).
                var write = new bool[targets.Length];
                for (int k = 0; k < targets.Length; k++)
                {
                    write[k] = !known[k] && (last is null || targets[k] != last[k]);
                    changed += write[k] ? 1 : 0;
                }
                var p = _arrays![r][t].Program(targets, from, write);
                var state = p.State;
                pulses += p.TotalPulses;
                (sets, reads, verified) = (sets + p.SetPulses, reads + p.VerifyReads, verified + p.VerifyConductance);
                var newly = new List<int>();
                foreach (var (row, col) in p.FailedCells)
                {
                    int k = (row * nc) + col;
                    if (!known[k])
                    {
                        known[k] = true;
                        newly.Add(k);
                    }
                }
                if (newly.Count > 0 && Config.CompensateStuckCells)
                {
                    // A cell that failed to verify is stuck: retarget its partner so the pair still holds the weight.
                    var partners = new bool[targets.Length];
                    changed += CompensatePartners(pairTargets, targets, known, state, nc, partners);
                    var p2 = _arrays[r][t].Program(targets, state, partners);
                    state = p2.State;
                    pulses += p2.TotalPulses;
                    (sets, reads, verified) = (sets + p2.SetPulses, reads + p2.VerifyReads, verified + p2.VerifyConductance);
                    foreach (var (row, col) in p2.FailedCells)
                    {
                        known[(row * nc) + col] = true;
                    }
                }
                targetsNow[r][t] = targets;
                states[r][t] = state;
                failed += known.Count(f => f);
                clipped += r == 0 ? c : 0;
            }
        }
        _states = states;
        _targets = targetsNow;
        _failed = failedNow;
        _cache = null;
        double joules = Config.WriteVerifyCost.Joules(Config.Device, sets, pulses - sets, reads, verified, Config.AdcCost.EnergyPerConversion(Config.AdcBits ?? 8));
        return new RramLayerProgramming(Name, Cells, ArrayCount, changed, pulses, failed, clipped, sets, reads, joules);
    }

    // For each known-failed cell with a free partner: the partner's target becomes the level nearest to G_stuck ∓ (G⁺ − G⁻)_target,
    // so the pair's difference keeps the weight where the window allows (a stuck-ON unused cell costs the weight, not ±WeightMax).
    // Marks the partners in `mark` (if given) and returns how many targets changed.
    private int CompensatePartners(double[] pairTargets, double[] targets, bool[] known, RramArrayState state, int nc, bool[]? mark)
    {
        int n = 0;
        for (int k = 0; k < known.Length; k++)
        {
            int row = k / nc, col = k % nc, partner = ((row ^ 1) * nc) + col;
            if (!known[k] || known[partner])
            {
                continue;
            }
            bool plus = row % 2 == 0;
            double d = plus ? pairTargets[k] - pairTargets[partner] : pairTargets[partner] - pairTargets[k];
            double g = state.Conductances[k];
            double t = Mapping.Quantize(plus ? g - d : g + d);
            if (t != targets[partner])
            {
                targets[partner] = t;
                n++;
                if (mark is not null)
                {
                    mark[partner] = true;
                }
            }
        }
        return n;
    }

    // The matrices a read uses, per replica: G⁺ − G⁻ and G⁺ + G⁻ (S), the read-noise weights G⁺² + G⁻² of free cells, and the read weights for backward.
    private Read[] ReadsAt(double age)
    {
        if (_states is null)
        {
            return [DesignRead()];
        }
        if (_cache is { } c && c.Age == age)
        {
            return c.Reads;
        }
        var reads = new Read[Config.Replicas];
        for (int r = 0; r < reads.Length; r++)
        {
            var read = new Read(Inputs * Outputs);
            for (int t = 0; t < Layout.TileCount; t++)
            {
                var (r0, nr) = Layout.RowRange(t / Layout.ColumnBlocks);
                var (c0, nc) = Layout.ColumnRange(t % Layout.ColumnBlocks);
                var st = _states[r][t].At(age);
                for (int i = 0; i < nr; i++)
                {
                    for (int j = 0; j < nc; j++)
                    {
                        int k = ((c0 + j) * Inputs) + r0 + i;
                        double gp = st.Conductance(2 * i, j), gm = st.Conductance((2 * i) + 1, j);
                        read.Set(k, gp, gm, st.IsStuck(2 * i, j) ? 0 : gp * gp, st.IsStuck((2 * i) + 1, j) ? 0 : gm * gm, Mapping.Scale);
                    }
                }
            }
            reads[r] = read;
        }
        _cache = (age, reads);
        return reads;
    }

    private Read DesignRead()
    {
        var continuous = new WeightMapping(Mapping.GMax, Mapping.WeightMax, 0, Mapping.Policy, Mapping.GMin);
        var w = new double[Inputs * Outputs];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = double.CreateTruncating(Weight.Value[i]);
        }
        var gp = new double[w.Length];
        var gm = new double[w.Length];
        continuous.ToConductances(w, gp, gm, $"{Name}.weight");
        var read = new Read(w.Length);
        for (int k = 0; k < w.Length; k++)
        {
            read.Set(k, gp[k], gm[k], gp[k] * gp[k], gm[k] * gm[k], Mapping.Scale);
        }
        return read;
    }

    private void Charge(CostLedger ledger, int batch, double arrayJoules)
    {
        var cfg = Config;
        double v = cfg.Device.ReadVoltage, t = cfg.ArrayCost.ReadSeconds;
        int dacBits = cfg.DacBits ?? 8, adcBits = cfg.AdcBits ?? 8;
        long dacConversions = (long)batch * Inputs * Layout.ColumnBlocks;
        long columnReads = (long)batch * Outputs * Layout.RowBlocks;
        // Each input's DAC drives its pair of rows (±V), each row across the array's columns.
        int cellsPerRow = 2 * Math.Min(Outputs, cfg.ArrayColumns);
        ledger.Charge($"{Name} DAC", CostCategory.Converter, new Energy(dacConversions * cfg.DacCost.EnergyPerConversion(dacBits, v, cellsPerRow)), dacConversions, new Duration(cfg.DacCost.ConversionSeconds), cfg.DacCost);
        ledger.Charge($"{Name} array", CostCategory.Core, new Energy(arrayJoules), (long)batch * Layout.TileCount, new Duration(t), cfg.ArrayCost);
        ledger.Charge($"{Name} TIA", CostCategory.Converter, new Energy(columnReads * cfg.TiaCost.EnergyPerRead(t)), columnReads, Duration.Zero, cfg.TiaCost);
        ledger.Charge($"{Name} ADC", CostCategory.Converter, new Energy(columnReads * cfg.AdcCost.EnergyPerConversion(adcBits)), columnReads, Duration.FromRate(cfg.AdcCost.SampleRate), cfg.AdcCost);
        long digitalOps = columnReads + (Bias is null ? 0 : (long)batch * Outputs);
        ledger.Charge($"{Name} partial sums", CostCategory.Control, new Energy(digitalOps * cfg.DigitalCost.MacJoules), digitalOps, Duration.Zero, cfg.DigitalCost);
    }

    private sealed class Read(int length)
    {
        public double[] DeltaG { get; } = new double[length];

        public double[] GSum { get; } = new double[length];

        public double[] GSquared { get; } = new double[length];

        public T[] Weights { get; } = new T[length];

        public void Set(int k, double gp, double gm, double gp2, double gm2, double scale)
        {
            DeltaG[k] = gp - gm;
            GSum[k] = gp + gm;
            GSquared[k] = gp2 + gm2;
            Weights[k] = T.CreateTruncating((gp - gm) / scale);
        }
    }
}

/// <summary>What one (re)programming of an <see cref="RramLinear{T}"/> did.</summary>
/// <param name="Layer">The layer's name.</param>
/// <param name="Cells">Cells in use (replicas included).</param>
/// <param name="Arrays">Fabricated arrays.</param>
/// <param name="CellsRewritten">Cells written: all the first time, then those whose target level changed.</param>
/// <param name="Pulses">SET + RESET pulses applied.</param>
/// <param name="FailedCells">Cells that did not verify within the pulse budget (stuck cells whose target is away from their value, mostly).</param>
/// <param name="ClippedWeights">Weights beyond ±WeightMax, clipped.</param>
/// <param name="SetPulses">SET pulses among <paramref name="Pulses"/> (the rest are RESET pulses).</param>
/// <param name="VerifyReads">Verify reads (pulses + 1 per cell written).</param>
/// <param name="EnergyJoules">Energy of the pulses and verify reads (<see cref="RramLayerConfig.WriteVerifyCost"/>), J.</param>
public sealed record RramLayerProgramming(string Layer, long Cells, int Arrays, long CellsRewritten, long Pulses, int FailedCells, int ClippedWeights, long SetPulses, long VerifyReads, double EnergyJoules);
