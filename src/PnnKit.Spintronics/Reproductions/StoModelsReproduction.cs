using System.Globalization;
using PnnKit.Core.Reproductions;

namespace PnnKit.Spintronics.Reproductions;

/// <summary>The reduced oscillator model against the macrospin LLGS model, as <c>pnn repro sto-models</c> prints it.</summary>
/// <param name="Result">What <see cref="OscillatorModels.Run"/> measured.</param>
public sealed record StoModelsResult(OscillatorModelsResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var report = new ReproReport();
        var t = report.Table($"Steady power of a spin-torque oscillator: macrospin LLGS vs reduced model (Slavin & Tiberkevich 2009), I_th = {r.ThresholdCurrentAmps * 1e3:F3} mA, fitted Q = {r.FittedQ:F3}")
            .AddColumn("I / I_th").AddColumn("LLG (1 − m_x)/2, period mean").AddColumn("reduced (ζ − 1)/(ζ + Q)");
        foreach (var p in r.Power)
        {
            t.AddRow(p.Supercriticality.ToString("F2", CultureInfo.InvariantCulture), p.Llg.ToString("F4", CultureInfo.InvariantCulture), p.Reduced.ToString("F4", CultureInfo.InvariantCulture));
        }
        var step = new OscillatorModelsOptions().Step;
        return report
            .Line($"Largest power difference above threshold: {r.MaxPowerError:F3}.")
            .Line($"Relaxation after a current step {step.From.ToString(CultureInfo.InvariantCulture)} → {step.To.ToString(CultureInfo.InvariantCulture)} I_th (1 − 1/e of the way): "
                + $"LLG {Units.Seconds(r.LlgRelaxationSeconds)}, reduced {Units.Seconds(r.ReducedRelaxationSeconds)} (small-signal 1/Γ_p = {Units.Seconds(r.LinearRelaxationSeconds)}).");
    }
}

/// <summary><c>pnn repro sto-models</c>: <see cref="OscillatorModels"/> from the command line.</summary>
public sealed class StoModelsReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "sto-models";

    /// <inheritdoc/>
    public string Summary => "reduced auto-oscillator model vs macrospin LLGS: steady power vs current, relaxation after a step";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Slavin & Tiberkevich", 2009, "IEEE Transactions on Magnetics")];

    /// <inheritdoc/>
    public string? Quick => "4 currents instead of 7, shorter settling (25 ns instead of 40) and averaging (2 ns instead of 5)";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new StoModelsResult(OscillatorModels.Run(args.Flag("quick") ? OscillatorModelsOptions.Quick : new OscillatorModelsOptions()));
    }
}
