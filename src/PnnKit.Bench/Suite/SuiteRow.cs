namespace PnnKit.Bench.Suite;

/// <summary>
/// One row of `pnn bench suite`: one substrate configuration (or the digital baseline) on one task.
/// Written as one JSON object per row to suite.json in the run directory (snake_case names, null where a
/// figure does not exist for that substrate), and as one run-store metric per number.
/// </summary>
/// <param name="Task">Task: "iris", "mnist-subset", "fashion-mnist", "moons", "sine-square" or "vowels".</param>
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

    /// <summary>For digital rows, the precision deployed: "fp32" (as trained), "fp16" or "int8" (post-training quantized); null for substrates.</summary>
    public string? Precision { get; init; }

    /// <summary>For digital rows, validation accuracy (the digital match is chosen on it); null where not measured.</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>For digital rows, the sizes of the task's train / validation / test split (per seed); null for substrates, which use their reproduction's own split.</summary>
    public Core.Data.SplitSizes? Splits { get; init; }

    /// <summary>The seeds the row's figures are means over (split, initialisation, fabrication); one seed: a single run.</summary>
    public IReadOnlyList<ulong> Seeds { get; init; } = [];

    /// <summary>Sample standard deviation of the deployed accuracy over <see cref="Seeds"/>; null for one seed.</summary>
    public double? DeployedStd { get; init; }

    /// <summary>The smallest fp32 MLP reaching <see cref="DeployedAccuracy"/> (the second comparison; <see cref="DigitalMatch"/> is the cheapest precision).</summary>
    public DigitalMatch? DigitalMatchFp32 { get; init; }

    /// <summary>fp32 match's system energy ÷ this row's; null without an fp32 match.</summary>
    public double? EfficiencyVsFp32 { get; init; }

    /// <summary>
    /// Which of a task's rows of one substrate this is, where it has several (e.g. "plain training", "ACCEL", "Taichi");
    /// null for the substrate's standard row. Part of <see cref="StoreKey"/> and <see cref="Label"/>, so such rows keep apart.
    /// </summary>
    public string? Variant { get; init; }

    /// <summary>The substrate with the variant and precision, as the tables print it ("memristive plain training", "digital int8").</summary>
    public string Label => Substrate + (Variant is { } v ? $" {v}" : "") + (Precision is { } p and not "fp32" ? $" {p}" : "");

    /// <summary>
    /// The run-store prefix TASK/SUBSTRATE/, with the variant (TASK/photonic ACCEL/) and, for the fp16 and int8 digital
    /// rows, the precision (TASK/digital int8/).
    /// </summary>
    public string StoreKey => $"{Task}/{Label}/";

    /// <summary>
    /// The mean of one configuration's rows over several seeds (same task, substrate and model, in
    /// <paramref name="seeds"/>' order): accuracies, energies and latencies averaged, the deployed accuracy's
    /// spread kept in <see cref="DeployedStd"/>, structure (model, instances, parameters, static metrics) from the first.
    /// </summary>
    public static SuiteRow Mean(IReadOnlyList<SuiteRow> rows, IReadOnlyList<ulong> seeds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(seeds);
        if (rows.Count == 0 || rows.Count != seeds.Count)
        {
            throw new ArgumentException($"Mean needs one row per seed; got {rows.Count} rows for {seeds.Count} seeds.", nameof(rows));
        }
        if (rows.Any(r => r.Task != rows[0].Task || r.Substrate != rows[0].Substrate || r.Variant != rows[0].Variant || r.Precision != rows[0].Precision))
        {
            throw new ArgumentException($"Mean averages one configuration; got {string.Join(", ", rows.Select(r => r.StoreKey).Distinct())}.", nameof(rows));
        }
        if (rows.Count == 1)
        {
            return rows[0] with { Seeds = seeds };
        }
        static double? MeanOf(IEnumerable<double?> v) => v.All(x => x is not null) ? v.Average(x => x!.Value) : null;
        var deployed = Methods.RobustnessProtocol.Summarize(0, [.. rows.Select(r => r.DeployedAccuracy)]);
        return rows[0] with
        {
            IdealAccuracy = rows.Average(r => r.IdealAccuracy),
            InstanceMean = MeanOf(rows.Select(r => r.InstanceMean)),
            InstanceP5 = MeanOf(rows.Select(r => r.InstanceP5)),
            InstanceWorst = MeanOf(rows.Select(r => r.InstanceWorst)),
            DeployedAccuracy = deployed.Mean,
            AccuracyAfterOneDay = MeanOf(rows.Select(r => r.AccuracyAfterOneDay)),
            CoreEnergyJoules = rows.Average(r => r.CoreEnergyJoules),
            SystemEnergyJoules = rows.Average(r => r.SystemEnergyJoules),
            LatencySeconds = MeanOf(rows.Select(r => r.LatencySeconds)),
            PhysicalQueries = rows.All(r => r.PhysicalQueries is not null) ? (long)Math.Round(rows.Average(r => (double)r.PhysicalQueries!.Value)) : null,
            ValidationAccuracy = MeanOf(rows.Select(r => r.ValidationAccuracy)),
            Seeds = seeds,
            DeployedStd = deployed.Std,
        };
    }
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
        "flash" => "memristive", // floating-gate flash compute-in-memory (Mythic's analog matrix processor): a non-volatile analog memory
        "spring network" => "mechanical",
        "resistor network" => "analogue-electronic",
        _ => throw new ArgumentException($"Substrate \"{substrate}\" has no substrate class; expected one of digital, photonic, memristive, flash, spintronic, spring network, resistor network.", nameof(substrate)),
    };
}
