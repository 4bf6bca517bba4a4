using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Processor;

/// <summary>One mapped layer on the processor.</summary>
/// <param name="Name">The layer.</param>
/// <param name="Inputs">Array rows it uses (C·kH·kW for a convolution).</param>
/// <param name="Outputs">Weight columns.</param>
/// <param name="TilesPerCopy">Tiles one copy of its weights occupies (row blocks × column blocks).</param>
/// <param name="ReadsPerInference">Matrix–vector products per inference (1 for a dense layer, output pixels for a convolution).</param>
/// <param name="Replicas">Copies of its weights on separate tiles, reading the products in parallel.</param>
/// <param name="LatencySeconds">Its stage time per inference: ⌈reads / replicas⌉ products (MVM + SIMD) plus a router hop, s.</param>
public sealed record FlashLayerPlan(string Name, int Inputs, int Outputs, int TilesPerCopy, long ReadsPerInference, int Replicas, double LatencySeconds)
{
    /// <summary>Multiply–accumulates per inference.</summary>
    public long Macs => ReadsPerInference * Inputs * Outputs;

    /// <summary>Tiles the layer occupies in one copy of the network.</summary>
    public int Tiles => TilesPerCopy * Replicas;
}

/// <summary>How a network sits on the processor, and the throughput that follows.</summary>
/// <param name="Layers">Each flash layer, in order.</param>
/// <param name="TilesPerNetwork">Tiles one copy of the network occupies.</param>
/// <param name="NetworkCopies">Whole-network copies on the chip (separately programmed), served round-robin for throughput.</param>
/// <param name="OnChipLatencySeconds">Latency of one inference on chip (the layer stages in sequence), s.</param>
/// <param name="HostLinkSecondsPerInference">Time the host link needs per inference (input bytes in, logits out), s.</param>
/// <param name="InferencesPerSecond">Throughput: every layer a pipeline stage, copies in parallel, bounded by the host link.</param>
/// <param name="BytesPerInference">Host-link bytes per inference (8-bit inputs and outputs).</param>
public sealed record FlashProcessorPlan(IReadOnlyList<FlashLayerPlan> Layers, int TilesPerNetwork, int NetworkCopies, double OnChipLatencySeconds,
    double HostLinkSecondsPerInference, double InferencesPerSecond, long BytesPerInference)
{
    /// <summary>Operations (2 per MAC) per inference.</summary>
    public long OpsPerInference => 2 * Layers.Sum(l => l.Macs);

    /// <summary>Weights of one copy of the network held in flash.</summary>
    public long WeightsPerNetwork => Layers.Sum(l => (long)l.Inputs * l.Outputs);

    /// <summary>Latency including the host link, s.</summary>
    public double LatencySeconds => OnChipLatencySeconds + HostLinkSecondsPerInference;

    /// <summary>Achieved operations per second on this network.</summary>
    public double OpsPerSecond => OpsPerInference * InferencesPerSecond;
}

/// <summary>
/// Mythic-style flash analog matrix processor (<see cref="AnalogMatrixProcessorConfig"/>): a model converted by
/// <see cref="FlashMapper{T}"/> is placed on tiles (<see cref="Plan{T}"/>: each layer split over fixed-size tiles, convolution
/// layers replicated on spare tiles to balance the pipeline, then whole-network copies for throughput; weights resident, no DRAM),
/// its ADCs calibrated on training rows (<see cref="CalibrateAdcs{T}"/>), its cells programmed by ISPP with verify
/// (<see cref="Program{T}"/>), and it is read at any age and temperature through the model's forward.
/// </summary>
public static class AnalogMatrixProcessor
{
    /// <summary>The flash layers of <paramref name="model"/> in order (a convolution by its inner dense layer).</summary>
    public static IReadOnlyList<FlashLinear<T>> FlashLayers<T>(ILayer<T> model) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. SubstrateConversion.Leaves(model).Select(l => l switch
        {
            FlashLinear<T> f => f,
            FlashConv2d<T> c => c.Inner,
            _ => null,
        }).OfType<FlashLinear<T>>()];

    /// <summary>Sets every flash layer's ADC range to the largest column output on <paramref name="calibration"/> (training rows, exact reads).</summary>
    public static void CalibrateAdcs<T>(ILayer<T> model, Tensor<T> calibration) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibration);
        var layers = FlashLayers(model);
        foreach (var f in layers)
        {
            f.Calibrating = true;
            f.AdcRange = 0;
        }
        try
        {
            model.Forward(calibration, ForwardContext.Eval());
        }
        finally
        {
            foreach (var f in layers)
            {
                f.Calibrating = false;
                f.AdcRange = f.AdcRange > 0 ? f.AdcRange : 1;
            }
        }
    }

    /// <summary>Programs every flash layer's weights (ISPP with verify, from <paramref name="seed"/>); returns the programmed copies.</summary>
    public static IReadOnlyList<FlashArrayInstance> Program<T>(ILayer<T> model, ulong seed, bool noisy = true, FlashPairEncoding encoding = FlashPairEncoding.OneSided)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = FlashLayers(model);
        foreach (var f in layers)
        {
            f.Encoding = encoding;
        }
        return [.. layers.Select((f, i) => f.Program(new Core.Random.Rng(seed).Split((ulong)i).NextULong(), noisy))];
    }

    /// <summary>Sets the drift compensation of every flash layer.</summary>
    public static void SetCompensation<T>(ILayer<T> model, DriftCompensation mode) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var f in FlashLayers(model))
        {
            f.Compensation = mode;
        }
    }

    /// <summary>
    /// Places <paramref name="model"/> on <paramref name="config"/>'s tiles. One probe row (<paramref name="probe"/>, a single
    /// input) counts each layer's matrix–vector products; layers whose stage is longest get replicas while spare tiles last,
    /// then the network is copied onto the remaining tiles. Throws when one copy does not fit the chip.
    /// </summary>
    public static FlashProcessorPlan Plan<T>(ILayer<T> model, Tensor<T> probe, AnalogMatrixProcessorConfig config) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (probe.Rows != 1)
        {
            throw new ArgumentException($"probe must be one input row, got {probe.Rows}.", nameof(probe));
        }
        var layers = FlashLayers(model);
        model.Forward(probe, ForwardContext.Eval());
        var tiles = layers.Select(f => f.Layout.TileCount).ToArray();
        var reads = layers.Select(f => (long)f.LastRows).ToArray();
        var replicas = Enumerable.Repeat(1, layers.Count).ToArray();
        int used = tiles.Sum();
        if (used > config.Tiles)
        {
            throw new ArgumentException($"the model needs {used} tiles of {config.TileRows}×{config.TileColumns} for one copy; the chip has {config.Tiles}.", nameof(model));
        }
        double Stage(int l) => (Math.Ceiling((double)reads[l] / replicas[l]) * ProductSeconds(layers[l], config)) + config.RouterHopSeconds;
        while (layers.Count > 0)
        {
            int worst = Enumerable.Range(0, layers.Count).MaxBy(Stage);
            if (replicas[worst] >= reads[worst] || used + tiles[worst] > config.Tiles)
            {
                break;
            }
            replicas[worst]++;
            used += tiles[worst];
        }
        var plans = layers.Select((f, l) => new FlashLayerPlan(f.Name, f.Inputs, f.Outputs, tiles[l], reads[l], replicas[l], Stage(l))).ToList();
        int copies = used == 0 ? 1 : Math.Max(1, config.Tiles / used);
        double onChip = plans.Sum(p => p.LatencySeconds);
        long bytes = probe.RowLength + (long)(layers.Count > 0 ? layers[^1].Outputs : 0);
        double link = bytes / config.HostLinkBytesPerSecond;
        double slowest = plans.Count > 0 ? plans.Max(p => p.LatencySeconds) : 0;
        double rate = Math.Min(slowest > 0 ? copies / slowest : double.PositiveInfinity, 1 / link);
        return new FlashProcessorPlan(plans, used, copies, onChip, link, rate, bytes);
    }

    /// <summary>One product of <paramref name="layer"/>: the tile MVM, then the SIMD pass over its outputs, s.</summary>
    public static double ProductSeconds<T>(FlashLinear<T> layer, AnalogMatrixProcessorConfig config) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(config);
        return config.MvmSeconds + (Math.Ceiling(3.0 * layer.Outputs * layer.Layout.RowBlocks / config.SimdLanes) / config.ClockHz);
    }

    /// <summary>
    /// Adds the chip's static power and the host link to <paramref name="ledger"/> (after an evaluation that charged the
    /// tiles): static power of every tile and the chip, and the link's energy per bit for <paramref name="plan"/>'s bytes.
    /// </summary>
    public static void ChargeChip(CostLedger ledger, FlashProcessorPlan plan, AnalogMatrixProcessorConfig config)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(config);
        ledger.AddStaticPower("tiles static (nano-processors, SRAM leakage, bias)", new Power(config.Tiles * config.TileStaticWatts), config);
        ledger.AddStaticPower("chip static (PCIe PHY, PLLs, I/O)", new Power(config.ChipStaticWatts), config);
        long bits = 8 * plan.BytesPerInference * ledger.Inferences;
        ledger.Charge("host link (PCIe)", CostCategory.IO, new Energy(bits * config.HostLinkJoulesPerBit), bits, new Duration(plan.HostLinkSecondsPerInference), config);
        ledger.Exclude("host CPU and DRAM", "the host that prepares inputs is outside the chip");
    }
}
