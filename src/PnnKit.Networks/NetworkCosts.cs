using PnnKit.Core.Costs;

namespace PnnKit.Networks;

/// <summary>
/// Energy terms of equilibrium networks, each with its source (DESIGN.md §6). Mechanical: work done
/// by the input forces (½ Fᵀu for quasi-static loading of a linear network, exact), divided by the
/// actuator efficiency, plus one camera frame per equilibrium read. Electrical: power V²G dissipated
/// in the network while it settles and is read, plus one DAC conversion per source and one ADC
/// conversion per output.
/// </summary>
public sealed record NetworkCostModel : ICostModel
{
    /// <summary>Electrical-to-mechanical efficiency of the force actuators. Default 0.1: our assumption for small voice-coil actuators (no datasheet figure; state yours).</summary>
    public double ActuatorEfficiency { get; init; } = 0.1;

    /// <summary>Energy per camera frame that reads all node displacements, J. Default 30 mJ: ~3 W machine-vision camera (FLIR Blackfly S USB3 family, typical power) at 100 frames/s.</summary>
    public double CameraFrameJoules { get; init; } = 30e-3;

    /// <summary>Time one mechanical equilibrium takes to settle and be imaged, s. Default 10 ms: one frame at 100 frames/s (same camera).</summary>
    public double MechanicalSettleSeconds { get; init; } = 10e-3;

    /// <summary>Time a resistor network is driven per inference, s. Default 1 µs: our assumption for a board-level network settling plus ADC sampling.</summary>
    public double ElectricalDriveSeconds { get; init; } = 1e-6;

    /// <summary>
    /// Siemens per unit of a learning network's conductances (ResistorClassifier, ResistorDesign train in dimensionless
    /// units, e.g. 0.01–10). Default 100 µS, i.e. one unit = 10 kΩ, the full scale of a common digital potentiometer
    /// (Microchip MCP41010 datasheet: 10 kΩ); the 0.01–10 training range is then 1 kΩ–1 MΩ.
    /// </summary>
    public double SiemensPerConductanceUnit { get; init; } = 1e-4;

    /// <summary>Energy per ADC conversion, J. Default 1.3 pJ: 8-bit conversion at a Walden figure of merit of 5 fJ/step (Murmann, ADC Performance Survey 1997–2024).</summary>
    public double AdcJoules { get; init; } = 1.3e-12;

    /// <summary>Energy per DAC conversion (source voltage update), J. Default 1.3 pJ: taken equal to the ADC figure (our assumption).</summary>
    public double DacJoules { get; init; } = 1.3e-12;

    /// <inheritdoc/>
    public string Component => "equilibrium network";

    /// <inheritdoc/>
    public IReadOnlyList<CostParameter> Parameters =>
    [
        new("actuator efficiency", ActuatorEfficiency, "1", "assumption (small voice-coil actuators)", "assumption; small voice-coil actuators, no datasheet figure"),
        new("camera frame", CameraFrameJoules, "J", "~3 W machine-vision camera at 100 frame/s (FLIR Blackfly S family)", "USB3 machine-vision cameras at 100 frame/s"),
        new("mechanical settle + image", MechanicalSettleSeconds, "s", "one frame at 100 frame/s", "networks that settle within one camera frame"),
        new("electrical drive time", ElectricalDriveSeconds, "s", "assumption", "assumption; board-level resistor network"),
        new("conductance unit", SiemensPerConductanceUnit, "S", "10 kΩ per unit: MCP41010 digital potentiometer full scale (Microchip datasheet)",
            "board-level, 1 kΩ–1 MΩ (training range 0.01–10 units)"),
        new("ADC conversion", AdcJoules, "J", "Murmann ADC survey, 8 bit at 5 fJ/step", "8 bit; sample rate not stated (5 fJ/step is within the survey's medium-speed SAR range)"),
        new("DAC conversion", DacJoules, "J", "assumption: equal to ADC", "assumption; 8 bit, as the ADC"),
    ];

    /// <summary>Charges one mechanical inference: actuation work ½ Fᵀu / efficiency and one camera frame.</summary>
    public void ChargeMechanical(CostLedger ledger, ReadOnlySpan<double> forces, ReadOnlySpan<double> u, long inferences = 1)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        double work = 0;
        for (int i = 0; i < forces.Length; i++)
        {
            work += 0.5 * forces[i] * u[i];
        }
        ledger.Charge("force actuators (½Fᵀu / efficiency)", CostCategory.Converter, new Energy(Math.Abs(work) / ActuatorEfficiency * inferences), inferences, new Duration(MechanicalSettleSeconds), this);
        ledger.Charge("camera (displacement sensing)", CostCategory.Converter, new Energy(CameraFrameJoules * inferences), inferences, new Duration(MechanicalSettleSeconds), this);
    }

    /// <summary>
    /// Charges one electrical inference: V²G dissipation for the drive time, DACs for sources, ADCs for outputs.
    /// <paramref name="dissipatedWatts"/> is physical power; a network trained in conductance units passes
    /// ΣG·ΔV² × <see cref="SiemensPerConductanceUnit"/>.
    /// </summary>
    public void ChargeElectrical(CostLedger ledger, double dissipatedWatts, int sources, int outputs, long inferences = 1)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ledger.Charge("resistor network (V²G)", CostCategory.Core, new Energy(dissipatedWatts * ElectricalDriveSeconds * inferences), inferences, new Duration(ElectricalDriveSeconds), this);
        ledger.Charge("source DACs", CostCategory.Converter, new Energy(DacJoules * sources * inferences), inferences, Duration.Zero, this);
        ledger.Charge("output ADCs", CostCategory.Converter, new Energy(AdcJoules * outputs * inferences), inferences, Duration.Zero, this);
    }
}
