using PnnKit.Methods;

namespace PnnKit.Bench.Report;

/// <summary>One term of the energy of one inference: a ledger entry, static power over the inference, or an amortised cost.</summary>
/// <param name="Name">Component or term name.</param>
/// <param name="Category">Ledger category (Core, Converter, ..., Static, Calibration).</param>
/// <param name="JoulesPerInference">Energy per inference, J.</param>
public sealed record ReportTerm(string Name, string Category, double JoulesPerInference);

/// <summary>The figures of one trained run (its result.json).</summary>
/// <param name="Name">Run name.</param>
/// <param name="Substrate">Substrate from config.yaml (digital when not set).</param>
/// <param name="Data">Data set.</param>
/// <param name="TestAccuracy">Accuracy on the test split of the design, if a classifier.</param>
/// <param name="CoreJoules">Core energy per inference, J.</param>
/// <param name="SystemJoules">System energy per inference, J.</param>
/// <param name="LatencySeconds">Critical-path latency of one inference, s.</param>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="Terms">Energy terms per inference (dynamic, static, amortised).</param>
/// <param name="Figures">Further per-inference figures (TOPS/W, throughput, static power ...), as (name, formatted value).</param>
/// <param name="Excluded">Terms knowingly not counted, with the reason.</param>
public sealed record RunFigures(
    string Name, string Substrate, string Data, double? TestAccuracy, double CoreJoules, double SystemJoules, double LatencySeconds,
    long Parameters, IReadOnlyList<ReportTerm> Terms, IReadOnlyList<(string Name, string Value)> Figures, IReadOnlyList<(string Term, string Reason)> Excluded);

/// <summary>One deployment policy of a robustness run (robustness.json).</summary>
/// <param name="Policy">Drift policy.</param>
/// <param name="Ages">Accuracy statistics over instances per age.</param>
/// <param name="JoulesPerCalibration">Energy of one calibration per age (zeros without calibration).</param>
public sealed record PolicyFigures(string Policy, IReadOnlyList<AgeStatistics> Ages, IReadOnlyList<double> JoulesPerCalibration);

/// <summary>One row of a benchmark suite (suite.json), read tolerantly: any figure may be missing.</summary>
/// <param name="Task">Task (data set).</param>
/// <param name="Substrate">Substrate configuration.</param>
/// <param name="IdealAccuracy">Accuracy of the ideal design.</param>
/// <param name="MeanAccuracy">Mean accuracy over fabricated instances.</param>
/// <param name="P5Accuracy">5th-percentile accuracy over instances.</param>
/// <param name="AccuracyAt1Day">Accuracy after one day with the substrate's standard drift policy.</param>
/// <param name="CoreJoules">Core energy per inference, J.</param>
/// <param name="SystemJoules">System energy per inference, J.</param>
/// <param name="LatencySeconds">Latency, s.</param>
/// <param name="Method">Training method.</param>
/// <param name="Queries">Physical queries used in training.</param>
/// <param name="Parameters">Trainable parameters.</param>
public sealed record SuiteFigures(
    string Task, string Substrate, double? IdealAccuracy, double? MeanAccuracy, double? P5Accuracy, double? AccuracyAt1Day,
    double? CoreJoules, double? SystemJoules, double? LatencySeconds, string? Method, long? Queries, long? Parameters)
{
    /// <summary>The configuration in words (suite's "model"), if given.</summary>
    public string? Model { get; init; }

    /// <summary>The suite's own deployed accuracy (after in-situ retraining where the method retrains), if given.</summary>
    public double? ReportedDeployedAccuracy { get; init; }

    /// <summary>Digital system energy at equal accuracy ÷ this row's system energy, if given.</summary>
    public double? EfficiencyVsDigital { get; init; }

    /// <summary>The accuracy a Pareto plot uses: the suite's deployed accuracy, else after 1 day, else mean over instances, else ideal.</summary>
    public double? DeployedAccuracy => ReportedDeployedAccuracy ?? AccuracyAt1Day ?? MeanAccuracy ?? IdealAccuracy;
}

/// <summary>Everything a report shows; each part may be absent.</summary>
/// <param name="Title">Page title.</param>
/// <param name="Source">The directory or file the report was made from.</param>
/// <param name="Run">The run's result, if result.json exists.</param>
/// <param name="Robustness">Robustness policies, if robustness.json exists.</param>
/// <param name="RobustnessSummary">Instances and temperature of the robustness run, in words.</param>
/// <param name="Suite">Suite rows, if suite.json exists.</param>
public sealed record ReportData(string Title, string Source, RunFigures? Run, IReadOnlyList<PolicyFigures> Robustness, string? RobustnessSummary, IReadOnlyList<SuiteFigures> Suite);
