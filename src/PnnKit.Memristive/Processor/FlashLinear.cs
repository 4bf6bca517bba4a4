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

namespace PnnKit.Memristive.Processor;

/// <summary>
/// A dense layer y = x·Wᵀ + b on the flash tiles of an <see cref="AnalogMatrixProcessorConfig"/> (Digital → Digital, the
/// converters inside): each sample is scaled by its largest |x| and quantized by the row DACs, each tile (TileRows inputs ×
/// TileColumns weight columns, <see cref="TileLayout"/>) sums the cell currents of its columns, the cells' read noise is added
/// (each conducting cell's threshold draws a fresh N(0, σ_RTN) per read; in the linear region dG = −β·dV_t, so a column's
/// current noise is exactly Gaussian with σ = β·σ_RTN·V_D·‖x̂‖), the column ADCs convert over <see cref="AdcRange"/>, and the
/// SIMD unit adds the tiles' partial sums, rescales, compensates drift and adds the digital bias.
/// <para>Weights are read from <see cref="Instance"/> (a programmed copy, at the context's age and temperature) or, when none
/// is set, from the design weights mapped exactly (the processor's ideal). Backward is straight-through (converters and noise
/// as identity), dL/dx = g·W_eff with the weights actually read; with no converters and no noise
/// (<see cref="Ideal"/>) the layer is exact.</para>
/// </summary>
public sealed class FlashLinear<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ulong _noiseKey;
    private Tensor<T>? _input;
    private T[]? _effective;
    private (FlashArrayInstance Instance, double Age, double Kelvin, DriftCompensation Mode, T[] WHat, double Factor)? _cache;

    /// <summary>A layer of <paramref name="inputs"/> × <paramref name="outputs"/> weights drawn uniform ±1/√inputs.</summary>
    public FlashLinear(int inputs, int outputs, Rng rng, AnalogMatrixProcessorConfig? config = null, bool bias = true, string name = "flash")
    {
        ArgumentNullException.ThrowIfNull(rng);
        Config = config ?? new AnalogMatrixProcessorConfig();
        Config.Validate();
        Layout = new TileLayout(inputs, outputs, Config.TileRows, Config.TileColumns);
        Name = name;
        Weight = new Parameter<T>("weight", new Tensor<T>(outputs, inputs));
        double bound = 1.0 / Math.Sqrt(inputs);
        rng.FillUniform(Weight.Value.Span, -bound, bound);
        if (bias)
        {
            Bias = new Parameter<T>("bias", new Tensor<T>(outputs));
            rng.FillUniform(Bias.Value.Span, -bound, bound);
        }
        Parameters = Bias is null ? [Weight] : [Weight, Bias];
        _noiseKey = rng.NextULong();
    }

    /// <summary>The processor's tiles, converters and costs.</summary>
    public AnalogMatrixProcessorConfig Config { get; }

    /// <summary>How the matrix is split across tiles.</summary>
    public TileLayout Layout { get; }

    /// <summary>Inputs.</summary>
    public int Inputs => Layout.Inputs;

    /// <summary>Outputs.</summary>
    public int Outputs => Layout.Outputs;

    /// <summary>Weights [outputs, inputs].</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Digital bias, or null.</summary>
    public Parameter<T>? Bias { get; }

    /// <summary>The weight at GMax (a cell at VtMin); the mapper sets it to the layer's largest |w|. Default 1.</summary>
    public double WeightMax { get; set; } = 1;

    /// <summary>ADC full scale in normalised column units (1 = one cell at GMax under a full-scale input); set by <see cref="CalibrateAdc"/>. Default 12 (aihwkit's out_bound).</summary>
    public double AdcRange { get; set; } = 12;

    /// <summary>No DACs, ADCs or read noise: the layer computes x·Wᵀ + b from the conductances it reads (for gradient checks).</summary>
    public bool Ideal { get; set; }

    /// <summary>The programmed copy read, or null for the exactly mapped design.</summary>
    public FlashArrayInstance? Instance { get; set; }

    /// <summary>Drift compensation of <see cref="Instance"/>: None, or Global (one factor from a reference read, as <see cref="DriftCompensation"/>).</summary>
    public DriftCompensation Compensation { get; set; } = DriftCompensation.Global;

    /// <summary>How <see cref="Program"/> places signed weights on the cell pairs (default one-sided).</summary>
    public FlashPairEncoding Encoding { get; set; } = FlashPairEncoding.OneSided;

    /// <summary>Rows (samples, or patches of a convolution) the last forward read.</summary>
    public int LastRows { get; private set; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Programs the current weights into a fresh copy (ISPP with verify) and reads it from now on.</summary>
    public FlashArrayInstance Program(ulong seed, bool noisy = true)
    {
        var w = new double[Weight.Value.Length];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = double.CreateTruncating(Weight.Value[i]);
        }
        Instance = FlashArrayInstance.Program(w, Inputs, Outputs, WeightMax, Config.Cell, seed, noisy, Encoding);
        _cache = null;
        return Instance;
    }

    /// <summary>
    /// While true, a forward reads the exactly mapped design without noise or converters and widens <see cref="AdcRange"/> to the
    /// largest |column output| seen (start from <see cref="AdcRange"/> = 0): the processor calibrates its ADCs this way on training rows.
    /// </summary>
    public bool Calibrating { get; set; }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.RowLength != Inputs)
        {
            throw new ArgumentException($"{Name}: expects {Inputs} input features, got {x.RowLength}.", nameof(x));
        }
        int batch = x.Rows, nIn = Inputs, nOut = Outputs;
        LastRows = batch;
        var (wHat, factor, betaT) = Calibrating ? (MappedWeights(), 1.0, Config.Cell.Beta) : Weights(ctx);
        bool ideal = Ideal || Calibrating;
        var xq = new T[batch * nIn];
        var scale = QuantizeInputs(x, xq, ideal);
        var y = new Tensor<T>(batch, nOut);
        var rng = ctx.Rng.Split(Name).Split(_noiseKey);
        var cell = Config.Cell;
        // Column noise per unit ‖x̂‖ in normalised units: β(T)·σ_RTN·V_D / (GMax·V_D).
        // Common-mode pairs: both cells of every pair conduct, so two independent threshold noises per weight.
        double cellsPerWeight = Instance?.Encoding == FlashPairEncoding.CommonMode && !Calibrating ? 2 : 1;
        double sigmaUnit = ideal ? 0 : betaT * cell.ReadNoiseVt / cell.GMax * Math.Sqrt(cellsPerWeight);
        for (int rb = 0; rb < Layout.RowBlocks; rb++)
        {
            var (r0, nr) = Layout.RowRange(rb);
            var partial = new T[batch * nOut];
            Gemm.Multiply(false, true, batch, nOut, nr, T.One, xq.AsSpan(r0), nIn, wHat.AsSpan(r0), nIn, T.Zero, partial, nOut);
            var blockRng = rng.Split((ulong)rb);
            for (int b = 0; b < batch; b++)
            {
                var row = partial.AsSpan(b * nOut, nOut);
                if (sigmaUnit > 0)
                {
                    double norm = Math.Sqrt(double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(xq.AsSpan((b * nIn) + r0, nr))));
                    var sampleRng = blockRng.Split((ulong)b);
                    for (int j = 0; j < nOut; j++)
                    {
                        row[j] += T.CreateTruncating(sigmaUnit * norm * sampleRng.Normal());
                    }
                }
                if (Calibrating)
                {
                    AdcRange = Math.Max(AdcRange, Math.Abs(double.CreateTruncating(TensorPrimitives.MaxMagnitude<T>(row))));
                }
                else if (!Ideal)
                {
                    SignedQuantizer.QuantizeInPlace(row, AdcRange, Config.AdcBits);
                }
                var yr = y.Row(b);
                TensorPrimitives.FusedMultiplyAdd(row, T.CreateTruncating(scale[b] * WeightMax * factor), yr, yr);
            }
        }
        if (Bias is not null)
        {
            for (int b = 0; b < batch; b++)
            {
                TensorPrimitives.Add(y.Row(b), Bias.Value.Span, y.Row(b));
            }
        }
        if (ctx.IsTraining)
        {
            _input = x;
            _effective = new T[wHat.Length];
            TensorPrimitives.Multiply(wHat, T.CreateTruncating(WeightMax * factor), _effective);
        }
        else
        {
            _input = null;
            _effective = null;
        }
        if (ctx.Ledger is { } ledger)
        {
            Charge(ledger, batch, xq, wHat, betaT);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        int batch = x.Rows;
        Gemm.Multiply(true, false, Outputs, Inputs, batch, T.One, gradOutput.Data, Outputs, x.Data, Inputs, T.One, Weight.Grad.Data, Inputs);
        if (Bias is not null)
        {
            for (int b = 0; b < batch; b++)
            {
                TensorPrimitives.Add(Bias.Grad.Span, gradOutput.Row(b), Bias.Grad.Span);
            }
        }
        var dx = new Tensor<T>(batch, Inputs);
        Gemm.Multiply(false, false, batch, Inputs, Outputs, T.One, gradOutput.Data, Outputs, _effective!, Inputs, T.Zero, dx.Data, Inputs);
        return dx;
    }

    // The exactly mapped design: ŵ = w / WeightMax, clipped to ±1.
    private T[] MappedWeights()
    {
        var w = new T[Weight.Value.Length];
        TensorPrimitives.Divide(Weight.Value.Span, T.CreateTruncating(WeightMax), w);
        TensorPrimitives.Clamp(w, -T.One, T.One, w);
        return w;
    }

    // Normalised weights (G⁺ − G⁻)/GMax read now, the drift-compensation factor and β at the read temperature.
    private (T[] WHat, double Factor, double BetaT) Weights(ForwardContext ctx)
    {
        var cell = Config.Cell;
        double betaT = cell.Beta * Math.Pow(ctx.TemperatureKelvin / FloatingGateCellModel.ReferenceTemperature, cell.MobilityTemperatureExponent);
        if (Instance is not { } inst)
        {
            return (MappedWeights(), 1, betaT);
        }
        if (_cache is { } c && ReferenceEquals(c.Instance, inst) && c.Age == ctx.AgeSeconds && c.Kelvin == ctx.TemperatureKelvin && c.Mode == Compensation)
        {
            return (c.WHat, c.Factor, betaT);
        }
        var (gp, gm) = inst.At(ctx.AgeSeconds, ctx.TemperatureKelvin);
        var wHat = new T[gp.Length];
        double gMax = cell.GMax;
        for (int k = 0; k < gp.Length; k++)
        {
            wHat[k] = T.CreateTruncating((gp[k] - gm[k]) / gMax);
        }
        double total = inst.Reference(gp, gm);
        double factor = Compensation switch
        {
            DriftCompensation.None => 1,
            DriftCompensation.Global => total > 0 ? inst.ReferenceSum / total : 1,
            _ => throw new NotSupportedException($"{Name}: flash tiles support drift compensation None or Global, not {Compensation}."),
        };
        _cache = (inst, ctx.AgeSeconds, ctx.TemperatureKelvin, Compensation, wHat, factor);
        return (wHat, factor, betaT);
    }

    // Per-sample abs-max scaling and the row DACs; returns each sample's scale.
    private double[] QuantizeInputs(Tensor<T> x, T[] xq, bool ideal)
    {
        var scale = new double[x.Rows];
        for (int b = 0; b < x.Rows; b++)
        {
            var row = x.Row(b);
            double s = Math.Abs(double.CreateTruncating(TensorPrimitives.MaxMagnitude<T>(row)));
            scale[b] = s;
            var q = xq.AsSpan(b * Inputs, Inputs);
            if (s == 0)
            {
                q.Clear();
                continue;
            }
            TensorPrimitives.Divide(row, T.CreateTruncating(s), q);
            if (!ideal)
            {
                SignedQuantizer.QuantizeInPlace(q, 1.0, Config.DacBits);
            }
        }
        return scale;
    }

    // Energy and latency of the reads: DACs, cell currents, ADCs, SIMD accumulation and activation, SRAM traffic.
    private void Charge(CostLedger ledger, int batch, T[] xq, T[] wHat, double betaT)
    {
        var cfg = Config;
        var cell = cfg.Cell;
        double vd = cell.ReadDrainVoltage, t = cfg.IntegrationSeconds;
        // Array: every conducting cell dissipates (x̂·V_D)²·G over the integration; G = |ŵ|·GMax·β(T)/β (one side conducts per weight).
        var rowG = new double[Inputs];
        for (int j = 0; j < Outputs; j++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                // One-sided: |ŵ|·GMax conducts; common mode: G⁺ + G⁻ = GMax for every weight.
                rowG[i] += Instance?.Encoding == FlashPairEncoding.CommonMode ? 1 : Math.Abs(double.CreateTruncating(wHat[(j * Inputs) + i]));
            }
        }
        double array = 0;
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < Inputs; i++)
            {
                double xi = double.CreateTruncating(xq[(b * Inputs) + i]);
                array += xi * xi * rowG[i];
            }
        }
        array *= vd * vd * cell.GMax * (betaT / cell.Beta) * t;
        long dac = (long)batch * Inputs * Layout.ColumnBlocks;
        long adc = (long)batch * Outputs * Layout.RowBlocks;
        int cellsPerRow = 2 * Math.Min(Outputs, cfg.TileColumns);
        double mvm = cfg.MvmSeconds;
        ledger.Charge($"{Name} DAC", CostCategory.Converter, new Energy(dac * cfg.DacCost.EnergyPerConversion(cfg.DacBits, vd, cellsPerRow)), dac, Duration.Zero, cfg.DacCost);
        ledger.Charge($"{Name} flash array", CostCategory.Core, new Energy(array), (long)batch * Layout.TileCount, new Duration(mvm), cell);
        ledger.Charge($"{Name} ADC", CostCategory.Converter, new Energy(adc * cfg.AdcCost.EnergyPerConversion(cfg.AdcBits)), adc, Duration.Zero, cfg.AdcCost);
        // SIMD: accumulate the row blocks, rescale, bias and activation: about 3 ops per output per row block.
        long simd = 3L * batch * Outputs * Layout.RowBlocks;
        double simdSeconds = Math.Ceiling(3.0 * Outputs * Layout.RowBlocks / cfg.SimdLanes) / cfg.ClockHz;
        ledger.Charge($"{Name} SIMD", CostCategory.Control, new Energy(simd * cfg.SimdCost.AddJoules), simd, new Duration(simdSeconds), cfg.SimdCost);
        // SRAM: 8-bit inputs read once per column block, 8-bit outputs written once.
        long bytes = ((long)batch * Inputs * Layout.ColumnBlocks) + ((long)batch * Outputs);
        ledger.Charge($"{Name} SRAM", CostCategory.Memory, new Energy(bytes * cfg.SramJoulesPerByte), bytes, Duration.Zero, cfg);
        // Router: the outputs move to the next layer's tiles, one hop; partial sums of several row blocks gather too.
        long routed = (long)batch * Outputs * Layout.RowBlocks;
        ledger.Charge($"{Name} router", CostCategory.IO, new Energy(routed * cfg.RouterJoulesPerByte), routed, new Duration(cfg.RouterHopSeconds), cfg);
    }
}
