using PnnKit.Core.Costs;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Processor;

/// <summary>
/// A tiled flash analog matrix processor after Mythic's M1076 (product brief 2021: 76 AMP tiles, 80 M weights on chip,
/// no DRAM; Hot Chips 2018 / WikiChip: each tile a ~1000 × 1000 analog array with local SRAM, a SIMD vector unit, a RISC-V
/// nano-processor and a router). Every default carries its source; the published throughput and power are not inputs
/// (they are printed beside what this model computes).
/// </summary>
public sealed record AnalogMatrixProcessorConfig : ICostModel
{
    private const string Brief = "Mythic M1076 AMP product brief (2021)";
    private const string HotChips = "Fick (Mythic), Hot Chips 30 (2018), as reported by WikiChip Fuse 2018";

    /// <summary>The flash cell (preset flash-mythic-40nm).</summary>
    public FloatingGateCellModel Cell { get; init; } = MemristivePresets.FlashMythic40nm.Model;

    /// <summary>Tiles on the chip. M1076 product brief: 76 AMP tiles.</summary>
    public int Tiles { get; init; } = 76;

    /// <summary>Array rows (inputs) per tile: 80 M weights / 76 tiles ≈ 1.05 M = 1024 × 1024 (M1076 brief; Hot Chips 2018: "1000 by 1000" products).</summary>
    public int TileRows { get; init; } = 1024;

    /// <summary>Weight columns (outputs) per tile, each a differential pair of cells (assumption: signed weights as G⁺ − G⁻). 1024, as <see cref="TileRows"/>.</summary>
    public int TileColumns { get; init; } = 1024;

    /// <summary>Input DAC bits. Mythic white paper 2022: 8-bit analog compute (INT8).</summary>
    public int DacBits { get; init; } = 8;

    /// <summary>Column ADC bits. Mythic white paper 2022: 8-bit.</summary>
    public int AdcBits { get; init; } = 8;

    /// <summary>Bit-line integration time of one matrix–vector product, s. Assumption: 1 µs, within Hot Chips 2018's "a few microseconds" per 1000 × 1000 product.</summary>
    public double IntegrationSeconds { get; init; } = 1e-6;

    /// <summary>Weight columns sharing one ADC. Assumption: 8 (128 ADCs per tile), the converters time-multiplexed over neighbouring columns.</summary>
    public int ColumnsPerAdc { get; init; } = 8;

    /// <summary>Row DAC energies and settling.</summary>
    public DacCostModel DacCost { get; init; } = new();

    /// <summary>Column ADC energy and rate (preset adc-sar-murmann).</summary>
    public AdcCostModel AdcCost { get; init; } = MemristivePresets.AdcSarMurmann.Model;

    /// <summary>SIMD datapath: partial-sum accumulation across tiles, bias and activation, 8-bit fixed point (Horowitz 2014, 45 nm).</summary>
    public DigitalCostModel SimdCost { get; init; } = new(DigitalPrecision.Fixed8);

    /// <summary>Tile SRAM energy per byte read or written, J. Horowitz 2014 (45 nm): 64-bit read of an 8 KB SRAM 10 pJ → 1.25 pJ/B.</summary>
    public double SramJoulesPerByte { get; init; } = 1.25e-12;

    /// <summary>Network-on-chip energy per byte per tile-to-tile hop, J. Assumption: ~0.1 pJ/bit/mm over a ~1 mm hop (Dally, Hot Chips 2016 keynote order of magnitude) → 0.8 pJ/B.</summary>
    public double RouterJoulesPerByte { get; init; } = 0.8e-12;

    /// <summary>Router hop latency, s. Assumption: 10 cycles at 1 GHz.</summary>
    public double RouterHopSeconds { get; init; } = 10e-9;

    /// <summary>SIMD vector lanes per tile. Assumption: 64 8-bit lanes.</summary>
    public int SimdLanes { get; init; } = 64;

    /// <summary>Digital clock, Hz. Assumption: 1 GHz at 40 nm.</summary>
    public double ClockHz { get; init; } = 1e9;

    /// <summary>Static power per tile (RISC-V nano-processor, SRAM leakage, bias, sequencing), W. Assumption: 5 mW at 40 nm.</summary>
    public double TileStaticWatts { get; init; } = 5e-3;

    /// <summary>Chip static power outside the tiles (PCIe Gen2 ×4 PHY, PLLs, GPIO), W. Assumption: ~0.1 W per Gen2 lane PHY → 0.4 W.</summary>
    public double ChipStaticWatts { get; init; } = 0.4;

    /// <summary>Host link energy per bit moved (inputs in, logits out), J. Assumption: PCIe Gen2 SerDes ~10 pJ/bit, both ends.</summary>
    public double HostLinkJoulesPerBit { get; init; } = 10e-12;

    /// <summary>Host link bandwidth, B/s. M1076 brief: PCIe 2.1 ×4, up to 2 GB/s.</summary>
    public double HostLinkBytesPerSecond { get; init; } = 2e9;

    /// <summary>Power-supply conversion efficiency (board regulators feeding the chip), 1. Assumption: 85 %, a typical buck regulator; only the "left out" column uses it.</summary>
    public double SupplyEfficiency { get; init; } = 0.85;

    /// <summary>Time of one matrix–vector product of a tile: DAC settling, integration, then the column conversions shared by each ADC, s.</summary>
    public double MvmSeconds => DacCost.ConversionSeconds + IntegrationSeconds + (ColumnsPerAdc / AdcCost.SampleRate);

    /// <summary>Peak operations per second: every tile's every weight doing a multiply and an add each product (2 ops per MAC).</summary>
    public double PeakOpsPerSecond => Tiles * 2.0 * TileRows * TileColumns / MvmSeconds;

    /// <summary>Weights the chip holds.</summary>
    public long WeightCapacity => (long)Tiles * TileRows * TileColumns;

    /// <summary>Static power of the chip (every tile powered, as the chip runs one resident network), W.</summary>
    public double StaticWatts => (Tiles * TileStaticWatts) + ChipStaticWatts;

    /// <inheritdoc/>
    public string Component => "flash analog matrix processor (tile digital, SRAM, router, static)";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("tiles", Tiles, "1", Brief, "M1076"),
        new("tile rows", TileRows, "1", Brief + ": 80 M weights / 76 tiles", "M1076"),
        new("tile weight columns", TileColumns, "1", Brief + ": 80 M weights / 76 tiles", "M1076"),
        new("integration time", IntegrationSeconds, "s", "assumption within " + HotChips, "40 nm flash array"),
        new("columns per ADC", ColumnsPerAdc, "1", "assumption", "assumption; any"),
        new("SRAM energy per byte", SramJoulesPerByte, "J", "Horowitz, ISSCC 2014: 8 KB SRAM 10 pJ per 64 bits", "45 nm"),
        new("router energy per byte per hop", RouterJoulesPerByte, "J", "assumption: ~0.1 pJ/bit/mm", "40 nm, ~1 mm hops"),
        new("router hop latency", RouterHopSeconds, "s", "assumption: 10 cycles at 1 GHz", "assumption"),
        new("SIMD lanes", SimdLanes, "1", "assumption", "assumption"),
        new("clock", ClockHz, "Hz", "assumption", "40 nm"),
        new("tile static power", TileStaticWatts, "W", "assumption", "40 nm"),
        new("chip static power", ChipStaticWatts, "W", "assumption: PCIe Gen2 ×4 PHY ~0.1 W/lane", "PCIe Gen2"),
        new("host link energy", HostLinkJoulesPerBit, "J/bit", "assumption: PCIe Gen2 SerDes", "PCIe Gen2"),
        new("host link bandwidth", HostLinkBytesPerSecond, "B/s", Brief + ": PCIe 2.1 ×4, 2 GB/s", "M1076"),
        new("supply efficiency", SupplyEfficiency, "1", "assumption: buck regulator", "board"),
    ];

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Cell, nameof(Cell));
        Cell.Validate();
        Count(Tiles, nameof(Tiles), 100_000);
        Count(TileRows, nameof(TileRows), 1 << 16);
        Count(TileColumns, nameof(TileColumns), 1 << 16);
        Count(ColumnsPerAdc, nameof(ColumnsPerAdc), 1 << 16);
        Count(SimdLanes, nameof(SimdLanes), 1 << 16);
        SignedQuantizer.ValidateBits(DacBits, nameof(DacBits));
        SignedQuantizer.ValidateBits(AdcBits, nameof(AdcBits));
        Range(IntegrationSeconds, nameof(IntegrationSeconds), 1e-12, 1);
        Range(SramJoulesPerByte, nameof(SramJoulesPerByte), 0, 1e-9);
        Range(RouterJoulesPerByte, nameof(RouterJoulesPerByte), 0, 1e-9);
        Range(RouterHopSeconds, nameof(RouterHopSeconds), 0, 1e-3);
        Range(ClockHz, nameof(ClockHz), 1e3, 1e11);
        Range(TileStaticWatts, nameof(TileStaticWatts), 0, 10);
        Range(ChipStaticWatts, nameof(ChipStaticWatts), 0, 100);
        Range(HostLinkJoulesPerBit, nameof(HostLinkJoulesPerBit), 0, 1e-9);
        Range(HostLinkBytesPerSecond, nameof(HostLinkBytesPerSecond), 1, 1e13);
        Range(SupplyEfficiency, nameof(SupplyEfficiency), 0.01, 1);
    }

    private static void Count(int v, string name, int max)
    {
        if (v < 1 || v > max)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be in [1, {max}], got {v}.");
        }
    }

    private static void Range(double v, string name, double min, double max)
    {
        if (!(v >= min && v <= max))
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be in [{min}, {max}], got {v}.");
        }
    }
}
