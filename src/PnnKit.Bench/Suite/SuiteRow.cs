namespace PnnKit.Bench.Suite;

/// <summary>
/// One row of `pnn bench suite`: one substrate configuration (or the digital baseline) on one task.
/// Written as one JSON object per row to suite.json in the run directory (snake_case names, null where a
/// figure does not exist for that substrate), and as one run-store metric per number.
/// </summary>
/// <param name="Task">Task: "iris", "mnist-subset", "fashion-mnist", "moons" or "sine-square".</param>
/// <param name="Substrate">"digital", "memristive", "photonic", "resistor network", "spring network" or "spintronic".</param>
/// <param name="Model">The configuration in words, e.g. "MLP 784-256-10 on PCM crossbars".</param>
/// <param name="IdealAccuracy">Test accuracy of the trained design, simulated without device errors.</param>
/// <param name="Instances">Fabricated instances the design was programmed onto (0: the substrate has no fabrication model here).</param>
/// <param name="InstanceMean">Mean test accuracy over the instances, right after programming; null when <paramref name="Instances"/> is 0.</param>
/// <param name="InstanceP5">5th percentile over the instances (linear interpolation between order statistics, so close to the worst for few instances); null when not measured.</param>
/// <param name="InstanceWorst">Lowest instance accuracy; null when <paramref name="Instances"/> is 0.</param>
/// <param name="DeployedAccuracy">
/// The accuracy the substrate delivers in use, the one compared with digital at equal accuracy: after
/// in-situ retraining where the method retrains on the instance, otherwise the instance mean, otherwise the ideal.
/// </param>
/// <param name="AccuracyAfterOneDay">Mean instance accuracy read 1 day after programming under <paramref name="DriftPolicy"/>; null without a drift model.</param>
/// <param name="DriftPolicy">The substrate's standard drift policy, or "no drift model".</param>
/// <param name="CoreEnergyJoules">Energy per inference of the computing core only, J (from the model's cost ledger).</param>
/// <param name="SystemEnergyJoules">Energy per inference of the whole system (converters, I/O, static power), J.</param>
/// <param name="LatencySeconds">Critical-path latency of one inference, s; null when the ledger has no stage latencies.</param>
/// <param name="TrainingMethod">Training method in words.</param>
/// <param name="PhysicalQueries">Physical measurements (equilibria, instance forwards) the training used; 0 when trained offline in simulation; null when not counted.</param>
/// <param name="Parameters">Trainable parameters (weights, conductances, stiffnesses, phases, readout weights).</param>
/// <param name="Static">NeuroBench-style static metrics, where the model is a layered network that can be inspected; null otherwise.</param>
/// <param name="DigitalMatch">The smallest digital MLP reaching <paramref name="DeployedAccuracy"/>; null for digital rows or when no searched width reaches it.</param>
/// <param name="EfficiencyVsDigital">Digital system energy at equal accuracy ÷ this row's system energy (&gt; 1: the substrate is more efficient); null without a match.</param>
/// <param name="Note">Anything the numbers need to be read correctly (e.g. "1 fabricated instance; in-situ retrained").</param>
public sealed record SuiteRow(
    string Task, string Substrate, string Model,
    double IdealAccuracy, int Instances, double? InstanceMean, double? InstanceP5, double? InstanceWorst, double DeployedAccuracy,
    double? AccuracyAfterOneDay, string DriftPolicy,
    double CoreEnergyJoules, double SystemEnergyJoules, double? LatencySeconds,
    string TrainingMethod, long? PhysicalQueries, long Parameters,
    StaticMetrics? Static, DigitalMatch? DigitalMatch, double? EfficiencyVsDigital, string Note = "")
{
    /// <summary>
    /// The field's taxonomy of the substrate (suite.json's substrate_class): digital, photonic, memristive,
    /// spintronic, mechanical or analogue-electronic. Derived from <see cref="Substrate"/>, so the two never disagree.
    /// </summary>
    public string SubstrateClass => SubstrateClasses.Of(Substrate);
}

/// <summary>The substrate classes of the field's taxonomy, and which class each suite substrate belongs to.</summary>
public static class SubstrateClasses
{
    /// <summary>Every class, in the order the field lists them.</summary>
    public static IReadOnlyList<string> All { get; } = ["digital", "photonic", "memristive", "spintronic", "mechanical", "analogue-electronic"];

    /// <summary>The class of a suite substrate: the spring lattice is mechanical, resistor (and diode) networks analogue electronic.</summary>
    public static string Of(string substrate) => substrate switch
    {
        "digital" or "photonic" or "memristive" or "spintronic" => substrate,
        "spring network" => "mechanical",
        "resistor network" => "analogue-electronic",
        _ => throw new ArgumentException($"Substrate \"{substrate}\" has no substrate class; expected one of digital, photonic, memristive, spintronic, spring network, resistor network.", nameof(substrate)),
    };
}
