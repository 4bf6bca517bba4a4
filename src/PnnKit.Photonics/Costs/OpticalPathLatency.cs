using PnnKit.Core.Costs;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Costs;

/// <summary>One term of a latency budget: what it is, its time, s, and how it was computed.</summary>
/// <param name="Stage">The component, e.g. "mesh1: 6 MZI columns".</param>
/// <param name="Seconds">Its contribution to one inference's latency, s.</param>
/// <param name="Formula">The formula with its numbers, e.g. "6 × 300 µm × 4.2 / c".</param>
/// <param name="OnChipOptical">True for the time light spends on the chip (the figure photonic papers quote); false for electronic I/O off the optical path.</param>
public sealed record LatencyTerm(string Stage, double Seconds, string Formula, bool OnChipOptical);

/// <summary>
/// Latency of one inference through a single-chip coherent network (meshes with nonlinear optical
/// function units, NOFUs, between them; Bandyopadhyay et al., Nat. Photonics 18, 1335 (2024)) from the
/// physics: time of flight L·n_g/c through every MZI column, NOFU and routing section, the NOFUs' and the
/// output receivers' electrical response (10–90 % rise time 0.35/B of a first-order response, e.g.
/// Razavi 2012, §3), and the electronic I/O on either side (one DAC sample to drive the input modulators,
/// one ADC sample after the receivers). Rise times are added to the delays (a conservative bound: cascaded
/// first-order responses settle in at most the sum of their rise times). Lengths are assumptions stated
/// with each parameter; change them with <c>with { … }</c>.
/// </summary>
public sealed record OpticalPathLatency : ICostModel
{
    /// <summary>Speed of light in vacuum, m/s (exact, SI).</summary>
    public const double SpeedOfLight = 299_792_458.0;

    /// <summary>The defaults below.</summary>
    public static OpticalPathLatency Default { get; } = new();

    /// <summary>
    /// Group index of a silicon strip waveguide near 1550 nm: 4.2 (Dulkeith et al., Opt. Express 14, 3853 (2006),
    /// measure 4.1–4.6 for 220 nm-thick wires 400–500 nm wide; the value <see cref="PhotonicCostModel.SecondsPerColumn"/> uses).
    /// </summary>
    public double GroupIndex { get; init; } = 4.2;

    /// <summary>Optical length of one MZI column (two couplers, two thermo-optic shifters), m: 300 µm (assumption, as in <see cref="PhotonicCostModel.SecondsPerColumn"/>).</summary>
    public double ColumnLengthMeters { get; init; } = 300e-6;

    /// <summary>
    /// Optical length of one NOFU (tap coupler, MZI modulator and the delay that lets the photocurrent arrive
    /// with the light), m: 500 µm (assumption; a carrier-based MZI modulator arm of a few hundred µm).
    /// </summary>
    public double NofuLengthMeters { get; init; } = 500e-6;

    /// <summary>
    /// Electrical bandwidth of a NOFU (tap photodiode driving the modulator directly, no amplifier), Hz:
    /// 10 GHz (assumption; the receiver bandwidth of <see cref="MeshVariation.DefaultReceiverBandwidthHz"/>).
    /// </summary>
    public double NofuBandwidthHz { get; init; } = MeshVariation.DefaultReceiverBandwidthHz;

    /// <summary>
    /// Routing waveguide between units and to and from the edge couplers, m per section: 1 mm (assumption; units
    /// laid side by side on a few-mm chip). A network of k meshes has k + 1 sections (in, between units, out).
    /// </summary>
    public double RoutingLengthMeters { get; init; } = 1e-3;

    /// <summary>Input-modulator bandwidth, Hz: 10 GHz (assumption; silicon MZMs reach 10–50 GHz, Reed et al., Nat. Photonics 4, 518 (2010)).</summary>
    public double ModulatorBandwidthHz { get; init; } = MeshVariation.DefaultReceiverBandwidthHz;

    /// <summary>Output photodetector + TIA bandwidth, Hz: 10 GHz (<see cref="MeshVariation.DefaultReceiverBandwidthHz"/>, the detector noise bandwidth).</summary>
    public double ReceiverBandwidthHz { get; init; } = MeshVariation.DefaultReceiverBandwidthHz;

    /// <summary>Sample rate of the DACs driving the input modulators, Hz: 10 GS/s (<see cref="PhotonicCostModel.SymbolRateHz"/>); one sample of latency.</summary>
    public double DacRateHz { get; init; } = PhotonicCostModel.Default.SymbolRateHz;

    /// <summary>Sample rate of the readout ADCs, Hz: 10 GS/s (<see cref="PhotonicCostModel.SymbolRateHz"/>); one sample of latency.</summary>
    public double AdcRateHz { get; init; } = PhotonicCostModel.Default.SymbolRateHz;

    /// <inheritdoc/>
    public string Component => "single-chip optical path latency";

    /// <summary>Time of flight over <paramref name="meters"/> of waveguide, s: L·n_g/c.</summary>
    public double TimeOfFlight(double meters) => meters * GroupIndex / SpeedOfLight;

    /// <summary>10–90 % rise time of a first-order response of bandwidth <paramref name="bandwidthHz"/>, s: 0.35/B.</summary>
    public static double RiseTime(double bandwidthHz) => 0.35 / bandwidthHz;

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("group index", GroupIndex, "1", "Dulkeith et al., Opt. Express 14, 3853 (2006)", "silicon strip waveguides 220 nm thick, C-band"),
        new("MZI column length", ColumnLengthMeters, "m", "assumption (as PhotonicCostModel.SecondsPerColumn)", "assumption; thermo-optic MZI cells"),
        new("NOFU optical length", NofuLengthMeters, "m", "assumption", "assumption; tap + carrier-based MZI modulator + delay"),
        new("NOFU electrical bandwidth", NofuBandwidthHz, "Hz", "assumption (the receiver bandwidth)", "assumption; photodiode driving the modulator directly"),
        new("routing length per section", RoutingLengthMeters, "m", "assumption", "assumption; units side by side on a few-mm chip"),
        new("input modulator bandwidth", ModulatorBandwidthHz, "Hz", "assumption; Reed et al., Nat. Photonics 4, 518 (2010): 10–50 GHz", "silicon MZMs"),
        new("receiver (photodetector + TIA) bandwidth", ReceiverBandwidthHz, "Hz", "MeshVariation.DefaultReceiverBandwidthHz", "Ge-on-Si photodiode + CMOS TIA"),
        new("DAC sample rate", DacRateHz, "Hz", "PhotonicCostModel.SymbolRateHz", "assumption; GS/s DACs"),
        new("ADC sample rate", AdcRateHz, "Hz", "PhotonicCostModel.SymbolRateHz", "assumption; GS/s ADCs"),
    ];

    /// <summary>
    /// The latency budget of one inference through meshes of <paramref name="meshColumns"/> MZI columns each,
    /// with one column of NOFUs between consecutive meshes: DAC, modulators, routing, meshes, NOFUs, receivers, ADC.
    /// </summary>
    public IReadOnlyList<LatencyTerm> Terms(IReadOnlyList<int> meshColumns)
    {
        ArgumentNullException.ThrowIfNull(meshColumns);
        Validate();
        if (meshColumns.Count == 0 || meshColumns.Any(c => c < 0))
        {
            throw new ArgumentException($"meshColumns needs at least one mesh, each with ≥ 0 columns; got [{string.Join(", ", meshColumns)}].", nameof(meshColumns));
        }
        string ng = $"{GroupIndex}";
        var terms = new List<LatencyTerm>
        {
            new("input DACs (one sample)", 1 / DacRateHz, $"1 / {DacRateHz / 1e9} GS/s", false),
            new("input modulators (rise time)", RiseTime(ModulatorBandwidthHz), $"0.35 / {ModulatorBandwidthHz / 1e9} GHz", false),
        };
        int sections = meshColumns.Count + 1;
        terms.Add(new("routing waveguides", TimeOfFlight(sections * RoutingLengthMeters), $"{sections} × {RoutingLengthMeters * 1e6:0} µm × {ng} / c", true));
        for (int l = 0; l < meshColumns.Count; l++)
        {
            int c = meshColumns[l];
            terms.Add(new($"mesh{l}: {c} MZI columns", TimeOfFlight(c * ColumnLengthMeters), $"{c} × {ColumnLengthMeters * 1e6:0} µm × {ng} / c", true));
            if (l < meshColumns.Count - 1)
            {
                terms.Add(new($"nofu{l}: optical path", TimeOfFlight(NofuLengthMeters), $"{NofuLengthMeters * 1e6:0} µm × {ng} / c", true));
                terms.Add(new($"nofu{l}: photodiode → modulator response", RiseTime(NofuBandwidthHz), $"0.35 / {NofuBandwidthHz / 1e9} GHz", true));
            }
        }
        terms.Add(new("output photodetectors + TIAs (rise time)", RiseTime(ReceiverBandwidthHz), $"0.35 / {ReceiverBandwidthHz / 1e9} GHz", false));
        terms.Add(new("readout ADCs (one sample)", 1 / AdcRateHz, $"1 / {AdcRateHz / 1e9} GS/s", false));
        return terms;
    }

    /// <summary>The budget for the meshes of a network, in order (NOFUs between consecutive meshes).</summary>
    public IReadOnlyList<LatencyTerm> Terms<T>(IEnumerable<MziMesh<T>> meshes) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(meshes);
        return Terms([.. meshes.Select(m => m.Columns)]);
    }

    private void Validate()
    {
        Positive(GroupIndex >= 1 && double.IsFinite(GroupIndex), nameof(GroupIndex), "finite and ≥ 1", GroupIndex);
        Positive(ColumnLengthMeters >= 0 && double.IsFinite(ColumnLengthMeters), nameof(ColumnLengthMeters), "finite and ≥ 0 m", ColumnLengthMeters);
        Positive(NofuLengthMeters >= 0 && double.IsFinite(NofuLengthMeters), nameof(NofuLengthMeters), "finite and ≥ 0 m", NofuLengthMeters);
        Positive(RoutingLengthMeters >= 0 && double.IsFinite(RoutingLengthMeters), nameof(RoutingLengthMeters), "finite and ≥ 0 m", RoutingLengthMeters);
        foreach (var (v, name) in new[] { (NofuBandwidthHz, nameof(NofuBandwidthHz)), (ModulatorBandwidthHz, nameof(ModulatorBandwidthHz)), (ReceiverBandwidthHz, nameof(ReceiverBandwidthHz)), (DacRateHz, nameof(DacRateHz)), (AdcRateHz, nameof(AdcRateHz)) })
        {
            Positive(v > 0 && double.IsFinite(v), name, "finite and > 0 Hz", v);
        }
    }

    private static void Positive(bool ok, string name, string range, double value)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be {range}; got {value}.");
        }
    }
}
