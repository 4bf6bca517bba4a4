using System.Globalization;
using PnnKit.Core.Reproductions;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>The oscillator reservoir on both tasks, as <c>pnn repro sto-reservoir</c> prints it.</summary>
/// <param name="Results">Sine/square, then NARMA-10, at 300 K (thermal noise, the default), then both at 0 K; each at the settings chosen on validation at its temperature.</param>
/// <param name="NarmaBaselines">NARMA-10 baselines on the same series and splits: linear tapped-delay ridge and an echo-state network (<see cref="Reproductions.NarmaBaselines"/>).</param>
public sealed record StoReservoirResult(IReadOnlyList<ReservoirResult> Results, IReadOnlyList<NarmaBaseline> NarmaBaselines) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => new { Results, NarmaBaselines };

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var rt = report.Table("One spin-torque oscillator as a time-multiplexed reservoir (Torrejon et al. 2017)")
            .AddColumn("task").AddColumn("oscillator temperature").AddColumn("metric").AddColumn("node time θ·Γ_p, ridge λ (chosen on validation)").AddColumn("reservoir: validation / test").AddColumn("linear readout on the input alone (test)");
        var et = report.Table("Energy per inference (one input sample through all virtual nodes)")
            .AddColumn("task").AddColumn("oscillator temperature").AddColumn("virtual nodes").AddColumn("oscillator bias").AddColumn("core").AddColumn("system");
        foreach (var r in Results)
        {
            string temperature = r.Temperature > 0 ? $"{r.Temperature.ToString(CultureInfo.InvariantCulture)} K (thermal noise)" : "0 K (no noise)";
            rt.AddRow(r.Task, temperature, r.Metric, $"{r.NodeTime}, {r.Lambda:0e0}", $"{r.ReservoirValidation.ToString("F3", CultureInfo.InvariantCulture)} / {r.Reservoir.ToString("F3", CultureInfo.InvariantCulture)}", r.LinearOnInput.ToString("F3", CultureInfo.InvariantCulture));
            et.AddRow(r.Task, temperature, r.Nodes.ToString(CultureInfo.InvariantCulture), Units.Joules(r.OscillatorEnergyPerInferenceJoules), Units.Joules(r.CoreEnergyPerInferenceJoules), Units.Joules(r.SystemEnergyPerInferenceJoules));
        }
        var narma = Results.Where(r => r.Task == "NARMA-10").ToList();
        var bt = report.Table($"NARMA-10 (Atiya & Parlos 2000; the stand-in for Torrejon et al.'s spoken digits, whose TI-46 data is not on this machine): test NMSE ({narma[0].Splits!.Test:N0} samples, read once)")
            .AddColumn("model").AddColumn("readout features").AddColumn("chosen on validation").AddColumn("validation NMSE").AddColumn("test NMSE");
        foreach (var r in narma)
        {
            bt.AddRow($"STO reservoir at {r.Temperature.ToString(CultureInfo.InvariantCulture)} K", r.Nodes.ToString(CultureInfo.InvariantCulture), $"θ = {r.NodeTime}/Γ_p, λ = {r.Lambda:0e0}",
                r.ReservoirValidation.ToString("F3", CultureInfo.InvariantCulture), r.Reservoir.ToString("F3", CultureInfo.InvariantCulture));
        }
        foreach (var b in NarmaBaselines)
        {
            bt.AddRow(b.Model, b.Features.ToString(CultureInfo.InvariantCulture), b.Choice, b.Validation.ToString("F3", CultureInfo.InvariantCulture), b.Test.ToString("F3", CultureInfo.InvariantCulture));
        }
        bt.AddRow("linear: ridge on the present input alone", "1", $"λ = {narma[0].Lambda:0e0}", "—", narma[0].LinearOnInput.ToString("F3", CultureInfo.InvariantCulture));
        var (ratio, spread) = SpintronicDemos.ThermalSpread();
        report.Line($"At 300 K the free layer's oscillation stores E(p0) = {1 / ratio:F0} k_B T at the bias (2 I_th, p0 = 1/4), so the node power fluctuates by "
            + $"{spread.ToString("P1", CultureInfo.InvariantCulture)} rms (Slavin & Tiberkevich 2009, linear regime): this is what costs the reservoir its accuracy; "
            + "longer node times let each node relax and the readout average the noise over nodes.");
        return report.Line("One inference = one input sample through all virtual nodes. Core = oscillator bias I²R·θ + fp32 readout MACs; system adds one DAC and one ADC conversion per node and the readout weight reads. Not costed: GHz envelope detection, preprocessing.");
    }
}

/// <summary>The search on validation behind the reservoir's settings (<c>pnn repro sto-reservoir --sweep</c>).</summary>
/// <param name="Sweeps">Sine/square, then NARMA-10, at 300 K, then both at 0 K: the grid and the chosen point.</param>
public sealed record StoReservoirSweepResult(IReadOnlyList<ReservoirSweep> Sweeps) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Sweeps;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        foreach (var sw in Sweeps)
        {
            var grid = report.Table($"{sw.Chosen.Task} at {sw.Chosen.Temperature.ToString(CultureInfo.InvariantCulture)} K: validation {sw.Chosen.Metric} ({sw.Chosen.Splits!.Validation:N0} input samples) by node time and ridge λ").AddColumn("node time θ·Γ_p");
            foreach (double l in SpintronicDemos.SweepLambdas)
            {
                grid.AddColumn($"λ = {l:0e0}");
            }
            foreach (var row in sw.Grid.GroupBy(p => p.NodeTime))
            {
                grid.AddRow([$"{row.Key}", .. row.Select(p => double.IsNaN(p.Validation) ? "singular" : p.Validation.ToString("F3", CultureInfo.InvariantCulture))]);
            }
            report.Line($"chosen on validation: θ = {sw.Chosen.NodeTime}/Γ_p, λ = {sw.Chosen.Lambda:0e0}; test (read once): {sw.Chosen.Reservoir.ToString("F3", CultureInfo.InvariantCulture)}");
        }
        return report;
    }
}

/// <summary><c>pnn repro sto-reservoir</c>: <see cref="SpintronicDemos.SineSquare"/> and <see cref="SpintronicDemos.Narma"/>, or their search, from the command line.</summary>
public sealed class StoReservoirReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "sto-reservoir";

    /// <inheritdoc/>
    public string Summary => "one spin-torque oscillator reservoir at 300 K and 0 K: sine/square and NARMA-10 vs linear and echo-state baselines, energy per inference";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Torrejon et al.", 2017, "Nature")];

    /// <inheritdoc/>
    public string? Quick => null;

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Sweep];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Flag("sweep")
            ? new StoReservoirSweepResult([SpintronicDemos.SineSquareSweep(), SpintronicDemos.NarmaSweep(), SpintronicDemos.SineSquareSweep(temperature: 0), SpintronicDemos.NarmaSweep(temperature: 0)])
            : new StoReservoirResult([SpintronicDemos.SineSquare(), SpintronicDemos.Narma(), SpintronicDemos.SineSquare(temperature: 0), SpintronicDemos.Narma(temperature: 0)], Reproductions.NarmaBaselines.Run());
    }
}
