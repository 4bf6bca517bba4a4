using PnnKit.Core.Costs;
using PnnKit.Core.Reproductions;
using PnnKit.Photonics.Costs;

namespace PnnKit.Photonics.Accel;

/// <summary>
/// Energy and latency of one ACCEL frame (Chen et al., Nature 623, 48 (2023)) from circuit physics, and of the
/// same optical front end read by an ADC per photodiode and a digital layer instead (the design ACCEL avoids).
/// <para>
/// ACCEL: PnnKit's reading of the EAC computes one output node per integration cycle. The in-pixel SRAM sets
/// every photodiode's switch to the node's positive or negative computing line; both lines are reset, then
/// integrate the photocurrents until the line swing reaches <see cref="LineSwingVolts"/>, t = C_line·ΔV / I_line, and
/// the differential voltage is held; after the last node a comparator tree picks the largest. No ADC.
/// Energies: lines recharged from the supply, Q·V = C·ΔV·V_dd; switch gates toggled, C·V_dd²; comparator decisions;
/// controller per cycle; the class index driven off chip. The light is the bench laser's, over the frame time.
/// </para>
/// <para>
/// ADC per pixel: each photodiode integrates onto its own capacitance to the same swing, an 8-bit ADC converts
/// it, and a digital engine computes the same layer (int8 MACs, weights from a small SRAM).
/// </para>
/// Shot and kT/C noise (<see cref="LineNoise"/>) are far below the 0.1 V swing at these settings (≈ 10⁷ electrons per
/// line per cycle, √(kT/C) ≈ 20 µV on the lines); they matter when the light is dim or the integration short
/// (<see cref="NodeSecondsWithinFrame"/>). Every default carries its source.
/// </summary>
public sealed record AccelCostModel : ICostModel
{
    /// <summary>The defaults below.</summary>
    public static AccelCostModel Default { get; } = new();

    /// <summary>Supply of the EAC's analog modules, V: 1.8 (Chen et al. 2023, Methods; 180 nm SMIC CMOS).</summary>
    public double SupplyVolts { get; init; } = 1.8;

    /// <summary>Supply of the on-chip controller, V: 1.0 (Chen et al. 2023, Methods).</summary>
    public double ControllerVolts { get; init; } = 1.0;

    /// <summary>
    /// Photodiode junction capacitance, F: 20 fF (assumption: the 9.14 % fill factor of a 35 µm pixel leaves a
    /// ≈ 10.6 µm-square n-well/p-substrate diode; ≈ 0.1 fF/µm² of area plus sidewall in 180 nm CMOS).
    /// </summary>
    public double PhotodiodeCapacitanceFarads { get; init; } = 20e-15;

    /// <summary>Switch (transmission gate) capacitance each pixel adds to a computing line and its gate load, F: 2 fF (assumption: minimum-size 180 nm devices).</summary>
    public double SwitchCapacitanceFarads { get; init; } = 2e-15;

    /// <summary>Line (and pixel) voltage swing at the end of integration, V: 0.1 (assumption: well above a latch comparator's few-mV offset).</summary>
    public double LineSwingVolts { get; init; } = 0.1;

    /// <summary>Line reset time per cycle, s: 1 ns (assumption).</summary>
    public double ResetSeconds { get; init; } = 1e-9;

    /// <summary>
    /// Silicon photodiode responsivity at 532 nm, A/W: 0.3 (R = η·qλ/(hc) with quantum efficiency η ≈ 0.7;
    /// Sze &amp; Ng, Physics of Semiconductor Devices, 3rd ed., 2007, ch. 13).
    /// </summary>
    public double ResponsivityAmpsPerWatt { get; init; } = 0.3;

    /// <summary>Optical power reaching the photodiode array (before the fill factor), W: 1 mW (assumption; latency scales as 1/this).</summary>
    public double ArrayOpticalPowerWatts { get; init; } = 1e-3;

    /// <summary>Laser → array power efficiency (beam expander, amplitude SLM with polarizers, phase mask, spread of the diffraction), 1: 0.005 (assumption: the 200 mW laser of the Methods delivering 1 mW).</summary>
    public double LaserToArrayEfficiency { get; init; } = 0.005;

    /// <summary>Wall-plug efficiency of the 532 nm laser, 1: 0.02 (assumption: diode-pumped, frequency-doubled lasers convert a few per cent of electrical power to green light).</summary>
    public double LaserWallPlugEfficiency { get; init; } = 0.02;

    /// <summary>Energy per comparator decision (with its hold capacitors), J: 1 pJ (assumption: dynamic latch comparators in 180 nm take 0.1–1 pJ).</summary>
    public double ComparatorJoules { get; init; } = 1e-12;

    /// <summary>Comparator decision time, s: 1 ns (assumption, 180 nm latch).</summary>
    public double ComparatorSeconds { get; init; } = 1e-9;

    /// <summary>Controller energy per integration cycle (sequencing reset, integrate, hold), J: 1 pJ (assumption: a few hundred gate toggles at 1.0 V).</summary>
    public double ControllerJoulesPerCycle { get; init; } = 1e-12;

    /// <summary>Off-chip pad and trace capacitance per output bit, F: 10 pF (assumption: pad, package and PCB trace).</summary>
    public double OutputPadCapacitanceFarads { get; init; } = 10e-12;

    /// <summary>Free-space path per diffraction gap, m: 150 mm (Chen et al. 2023, Methods: the single-layer OAC's diffraction distances; the light's time of flight, not the simulated plane's scaled gap).</summary>
    public double GapMeters { get; init; } = 0.15;

    /// <summary>Resolution of the per-pixel ADCs of the comparison design, bits: 8 (assumption, as <see cref="PhotonicCostModel.AdcBits"/>).</summary>
    public int AdcBits { get; init; } = 8;

    /// <summary>Conversion rate of each per-pixel ADC, Hz: 10 MS/s (assumption: pixel- and column-parallel SAR ADCs in image sensors run at MS/s).</summary>
    public double PixelAdcRateHz { get; init; } = 10e6;

    /// <summary>Digital engine of the comparison design: int8 MACs (Horowitz 2014), weights from an 8 KB SRAM at 10 pJ per 64-bit read (Horowitz 2014).</summary>
    public DigitalCostModel Digital { get; init; } = new(DigitalPrecision.Fixed8) { SramReadJoulesPer64Bits = 10e-12 };

    /// <summary>Converters of the input encoding (one 8-bit DAC write per image pixel to the SLM): <see cref="PhotonicCostModel.Default"/>.</summary>
    public PhotonicCostModel Converters { get; init; } = PhotonicCostModel.Default;

    /// <inheritdoc/>
    public string Component => "ACCEL optoelectronic frame";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("EAC analog supply", SupplyVolts, "V", "Chen et al., Nature 623, 48 (2023), Methods", "180 nm SMIC CMOS"),
        new("controller supply", ControllerVolts, "V", "Chen et al. 2023, Methods", "180 nm SMIC CMOS"),
        new("photodiode capacitance", PhotodiodeCapacitanceFarads, "F", "assumption: 10.6 µm-square n-well diode, ~0.1 fF/µm²", "180 nm CMOS"),
        new("switch capacitance per pixel", SwitchCapacitanceFarads, "F", "assumption: minimum-size transmission gate", "180 nm CMOS"),
        new("line swing", LineSwingVolts, "V", "assumption", "assumption; above comparator offset"),
        new("line reset time", ResetSeconds, "s", "assumption", "assumption"),
        new("photodiode responsivity", ResponsivityAmpsPerWatt, "A/W", "Sze & Ng 2007, ch. 13: R = η·qλ/hc, η ≈ 0.7", "silicon, 532 nm"),
        new("optical power on the array", ArrayOpticalPowerWatts, "W", "assumption", "assumption; latency ∝ 1/power"),
        new("laser → array efficiency", LaserToArrayEfficiency, "1", "assumption: 200 mW laser (Methods) → 1 mW", "bench set-up with amplitude SLM"),
        new("laser wall-plug efficiency", LaserWallPlugEfficiency, "1", "assumption", "diode-pumped frequency-doubled 532 nm lasers"),
        new("comparator energy per decision", ComparatorJoules, "J", "assumption", "dynamic latch comparators, 180 nm"),
        new("comparator decision time", ComparatorSeconds, "s", "assumption", "180 nm"),
        new("controller energy per cycle", ControllerJoulesPerCycle, "J", "assumption", "1.0 V controller, 180 nm"),
        new("output pad capacitance per bit", OutputPadCapacitanceFarads, "F", "assumption", "pad + package + PCB trace"),
        new("free-space gap", GapMeters, "m", "Chen et al. 2023, Methods: 150 mm", "single-layer OAC"),
        new("per-pixel ADC bits", AdcBits, "bit", "assumption", "comparison design"),
        new("per-pixel ADC rate", PixelAdcRateHz, "Hz", "assumption", "pixel-parallel SAR ADCs"),
    ];

    /// <summary>The ledger term of the light on the photodiode array over the frame (core energy; the chip figure leaves it out).</summary>
    public const string LightOnArray = "light on the photodiode array (over the frame)";

    /// <summary>Photocurrent of the whole array, A: R·FF·P.</summary>
    public double ArrayCurrentAmps(double fillFactor) => ResponsivityAmpsPerWatt * fillFactor * ArrayOpticalPowerWatts;

    /// <summary>Capacitance of one computing line, F: half the pixels' photodiode and switch capacitance (binary weights split the pixels between the two lines).</summary>
    public double LineCapacitanceFarads(int photodiodes) => photodiodes / 2.0 * (PhotodiodeCapacitanceFarads + SwitchCapacitanceFarads);

    /// <summary>ACCEL's integration time per output node, s: C_line·ΔV / I_line with I_line half the array current.</summary>
    public double IntegrationSeconds(int photodiodes, double fillFactor) => LineCapacitanceFarads(photodiodes) * LineSwingVolts / (ArrayCurrentAmps(fillFactor) / 2);

    /// <summary>
    /// Integration time per output node when the frame is held to <paramref name="frameSeconds"/> (e.g. the published 72 ns),
    /// s: what the time of flight, the K resets and the comparator tree leave, shared by the K nodes. Throws when nothing is left.
    /// </summary>
    public double NodeSecondsWithinFrame(double frameSeconds, int outputs, int gaps)
    {
        double left = frameSeconds - TimeOfFlightSeconds(gaps) - (outputs * ResetSeconds) - (TreeLevels(outputs) * ComparatorSeconds);
        return left > 0 && double.IsFinite(left)
            ? left / outputs
            : throw new ArgumentOutOfRangeException(nameof(frameSeconds), $"frameSeconds must exceed the time of flight, {outputs} resets and the comparator tree ({Units.Seconds(frameSeconds - left)}); got {Units.Seconds(frameSeconds)}.");
    }

    /// <summary>The per-pixel design's integration time, s: C_pd·ΔV / (I_array / photodiodes).</summary>
    public double PixelIntegrationSeconds(int photodiodes, double fillFactor) => PhotodiodeCapacitanceFarads * LineSwingVolts / (ArrayCurrentAmps(fillFactor) / photodiodes);

    /// <summary>Time of flight through <paramref name="gaps"/> free-space gaps, s.</summary>
    public double TimeOfFlightSeconds(int gaps) => gaps * GapMeters / OpticalPathLatency.SpeedOfLight;

    /// <summary>Comparator-tree levels to pick the largest of <paramref name="outputs"/> nodes: ⌈log₂ K⌉.</summary>
    public static int TreeLevels(int outputs) => outputs <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(outputs));

    /// <summary>ACCEL's frame latency, s: time of flight + K × (reset + integration) + comparator tree.</summary>
    public double AccelFrameSeconds(int photodiodes, double fillFactor, int outputs, int gaps)
        => TimeOfFlightSeconds(gaps) + (outputs * (ResetSeconds + IntegrationSeconds(photodiodes, fillFactor))) + (TreeLevels(outputs) * ComparatorSeconds);

    /// <summary>The ADC-per-pixel design's frame latency, s: time of flight + pixel integration + one conversion + the digital layer + comparator-free argmax (in the digital engine).</summary>
    public double AdcFrameSeconds(int photodiodes, double fillFactor, int outputs, int gaps)
        => TimeOfFlightSeconds(gaps) + ResetSeconds + PixelIntegrationSeconds(photodiodes, fillFactor) + (1 / PixelAdcRateHz) + ((double)photodiodes * outputs / Digital.MacsPerSecond);

    /// <summary>
    /// Charges one ACCEL frame per sample for <paramref name="samples"/> samples: laser, input encoding, computing
    /// lines and switches (core), comparators, controller, output pads, each with its stage latency.
    /// </summary>
    public void ChargeAccel(CostLedger ledger, int imagePixels, int photodiodes, double fillFactor, int outputs, int gaps, int samples)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Validate(imagePixels, photodiodes, fillFactor, outputs, gaps, samples);
        double frame = AccelFrameSeconds(photodiodes, fillFactor, outputs, gaps);
        ChargeLightAndInput(ledger, imagePixels, frame, gaps, samples);
        double cLines = 2 * LineCapacitanceFarads(photodiodes);
        ledger.Charge("EAC computing lines (reset, C·ΔV·V_dd)", CostCategory.Core, new Energy(samples * outputs * cLines * LineSwingVolts * SupplyVolts), (long)samples * outputs,
            new Duration(outputs * (ResetSeconds + IntegrationSeconds(photodiodes, fillFactor))), this);
        ledger.Charge("EAC SRAM-driven switches (C·V_dd² per pixel per node)", CostCategory.Core, new Energy((double)samples * outputs * photodiodes * SwitchCapacitanceFarads * SupplyVolts * SupplyVolts), (long)samples * outputs * photodiodes, Duration.Zero, this);
        ledger.Charge("EAC comparator tree", CostCategory.Converter, new Energy((double)samples * (outputs - 1) * ComparatorJoules), (long)samples * (outputs - 1), new Duration(TreeLevels(outputs) * ComparatorSeconds), this);
        ledger.Charge("EAC controller", CostCategory.Control, new Energy((double)samples * outputs * ControllerJoulesPerCycle), (long)samples * outputs, Duration.Zero, this);
        ChargeOutput(ledger, outputs, samples);
    }

    /// <summary>
    /// Charges one frame of the comparison design per sample: the same laser and input encoding, per-pixel
    /// integrators and ADCs, the digital layer (MACs and weight reads), controller, output pads.
    /// </summary>
    public void ChargeAdcPerPixel(CostLedger ledger, int imagePixels, int photodiodes, double fillFactor, int outputs, int gaps, int samples, int weightBits)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Validate(imagePixels, photodiodes, fillFactor, outputs, gaps, samples);
        double frame = AdcFrameSeconds(photodiodes, fillFactor, outputs, gaps);
        ChargeLightAndInput(ledger, imagePixels, frame, gaps, samples);
        long pixels = (long)samples * photodiodes;
        ledger.Charge("pixel integrators (reset, C·ΔV·V_dd)", CostCategory.Converter, new Energy(pixels * (PhotodiodeCapacitanceFarads * LineSwingVolts * SupplyVolts)), pixels,
            new Duration(ResetSeconds + PixelIntegrationSeconds(photodiodes, fillFactor)), this);
        double adc = Converters.ConverterJoulesPerStep * Math.Pow(2, AdcBits);
        ledger.Charge($"per-pixel ADCs ({AdcBits} bit)", CostCategory.Converter, new Energy(pixels * adc), pixels, new Duration(1 / PixelAdcRateHz), this);
        long macs = (long)samples * photodiodes * outputs;
        ledger.Charge("digital layer MACs (int8)", CostCategory.Core, new Energy(macs * Digital.MacJoules), macs, new Duration((double)photodiodes * outputs / Digital.MacsPerSecond), Digital);
        double words64 = Math.Ceiling((double)photodiodes * outputs * weightBits / 64);
        ledger.Charge("digital layer weight reads (SRAM)", CostCategory.Memory, new Energy(samples * words64 * Digital.SramReadJoulesPer64Bits), (long)(samples * words64), Duration.Zero, Digital);
        ledger.Charge("controller", CostCategory.Control, new Energy(samples * ControllerJoulesPerCycle), samples, Duration.Zero, this);
        ChargeOutput(ledger, outputs, samples);
    }

    private void ChargeLightAndInput(CostLedger ledger, int imagePixels, double frameSeconds, int gaps, int samples)
    {
        // The light the diffractive core delivers to the array is core energy (PhotonicCostModel.ChargeLight's convention); the
        // laser's wall-plug loss and the optics' losses on the way are the light source's.
        double laserWatts = ArrayOpticalPowerWatts / LaserToArrayEfficiency / LaserWallPlugEfficiency;
        ledger.Charge(LightOnArray, CostCategory.Core, new Energy(samples * ArrayOpticalPowerWatts * frameSeconds), samples, new Duration(TimeOfFlightSeconds(gaps)), this);
        ledger.Charge("532 nm laser: wall-plug and optics losses (over the frame)", CostCategory.LightSource, new Energy(samples * (laserWatts - ArrayOpticalPowerWatts) * frameSeconds), samples, Duration.Zero, this);
        ledger.Charge("input encoding (8-bit DAC write per image pixel)", CostCategory.Converter, new Energy((double)samples * imagePixels * Converters.DacJoulesPerConversion), (long)samples * imagePixels, Duration.Zero, Converters);
        ledger.Exclude("amplitude SLM panel", "a bench instrument (LCOS at 60 Hz, ~W over 16.7 ms per frame); a deployed camera images the scene, so only the encoding write is counted");
    }

    private void ChargeOutput(CostLedger ledger, int outputs, int samples)
    {
        int bits = Math.Max(1, TreeLevels(outputs));
        ledger.Charge($"class index off chip ({bits} bits, C·V_dd²)", CostCategory.IO, new Energy((double)samples * bits * OutputPadCapacitanceFarads * SupplyVolts * SupplyVolts), (long)samples * bits, Duration.Zero, this);
    }

    private void Validate(int imagePixels, int photodiodes, double fillFactor, int outputs, int gaps, int samples)
    {
        Check(imagePixels >= 1, nameof(imagePixels), "≥ 1", imagePixels);
        Check(photodiodes >= 1, nameof(photodiodes), "≥ 1", photodiodes);
        Check(fillFactor is > 0 and <= 1, nameof(fillFactor), "in (0, 1]", fillFactor);
        Check(outputs >= 2, nameof(outputs), "≥ 2", outputs);
        Check(gaps >= 1, nameof(gaps), "≥ 1", gaps);
        Check(samples >= 1, nameof(samples), "≥ 1", samples);
        foreach (var (v, name) in new[]
        {
            (SupplyVolts, nameof(SupplyVolts)), (PhotodiodeCapacitanceFarads, nameof(PhotodiodeCapacitanceFarads)), (SwitchCapacitanceFarads, nameof(SwitchCapacitanceFarads)),
            (LineSwingVolts, nameof(LineSwingVolts)), (ResponsivityAmpsPerWatt, nameof(ResponsivityAmpsPerWatt)), (ArrayOpticalPowerWatts, nameof(ArrayOpticalPowerWatts)),
            (LaserToArrayEfficiency, nameof(LaserToArrayEfficiency)), (LaserWallPlugEfficiency, nameof(LaserWallPlugEfficiency)), (GapMeters, nameof(GapMeters)), (PixelAdcRateHz, nameof(PixelAdcRateHz)),
        })
        {
            Check(v > 0 && double.IsFinite(v), name, "finite and > 0", v);
        }
        Check(LaserToArrayEfficiency <= 1 && LaserWallPlugEfficiency <= 1, "efficiencies", "≤ 1", Math.Max(LaserToArrayEfficiency, LaserWallPlugEfficiency));
        foreach (var (v, name) in new[] { (ResetSeconds, nameof(ResetSeconds)), (ComparatorJoules, nameof(ComparatorJoules)), (ComparatorSeconds, nameof(ComparatorSeconds)), (ControllerJoulesPerCycle, nameof(ControllerJoulesPerCycle)), (OutputPadCapacitanceFarads, nameof(OutputPadCapacitanceFarads)) })
        {
            Check(v >= 0 && double.IsFinite(v), name, "finite and ≥ 0", v);
        }
    }

    private static void Check(bool ok, string name, string range, double value)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be {range}; got {value}.");
        }
    }
}
