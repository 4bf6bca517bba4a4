using System.Globalization;
using PnnKit.Core.Reproductions;

namespace PnnKit.Networks.Reproductions;

/// <summary>The lattice's in-situ regression, as <c>pnn repro mechanical-regression</c> prints it.</summary>
/// <param name="Result">What <see cref="MechanicalRegression.Run"/> measured with the sensor's noise (the default).</param>
/// <param name="Ideal">The same training with ideal, noise-free readings: the row without the effect.</param>
public sealed record MechanicalRegressionReproResult(MechanicalRegressionResult Result, MechanicalRegressionResult Ideal) : IReproResult
{
    /// <inheritdoc/>
    public object Json()
    {
        var r = Result;
        return new
        {
            r.Splits,
            r.Coefficients,
            r.TrainMseBefore,
            r.TrainMseAfter,
            r.TestMseAfter,
            r.TargetVariance,
            Curve = r.Curve.Select(c => new { c.Step, c.RelativeMse }),
            r.Equilibria,
            r.SensorNoise,
            WithoutSensorNoise = new { Ideal.TrainMseAfter, Ideal.TestMseAfter, Curve = Ideal.Curve.Select(c => new { c.Step, c.RelativeMse }) }
        };
    }

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        return new ReproReport()
            .Lead("Li & Mao 2024 lattice, regression:", "two input forces → horizontal displacements of two top nodes, trained in situ")
            .Line($"target map (µm/N, rows = outputs): [{string.Join("; ", r.Coefficients.Chunk(MechanicalRegression.InputNodes.Count).Select(row => string.Join(", ", row.Select(c => c.ToString("F4", CultureInfo.InvariantCulture)))))}]")
            .Line($"readings with sensor noise σ = {r.SensorNoise * 1e9:G3} nm: training MSE {r.TrainMseBefore:G3} µm² → {r.TrainMseAfter:G3} µm² (target variance {r.TargetVariance:G3} µm²: relative {r.TrainMseBefore / r.TargetVariance:G3} → {r.TrainMseAfter / r.TargetVariance:G3}); held-out MSE {r.TestMseAfter:G3} µm²")
            .Line($"ideal readings (no sensor noise): training MSE {Ideal.TrainMseAfter:G3} µm² (relative {Ideal.TrainMseAfter / Ideal.TargetVariance:G3}); held-out MSE {Ideal.TestMseAfter:G3} µm²")
            .Line("relative MSE by step: " + string.Join(", ", r.Curve.Select(c => $"{c.Step}: {c.RelativeMse:G2}")))
            .Line($"equilibria solved (physical measurements): {r.Equilibria}");
    }
}

/// <summary><c>pnn repro mechanical-regression</c>: <see cref="MechanicalRegression"/> from the command line.</summary>
public sealed class MechanicalRegressionReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "mechanical-regression";

    /// <inheritdoc/>
    public string Summary => "in-situ linear regression (two forces → two displacements) on the 14-node lattice (Li & Mao 2024)";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Li & Mao", 2024, "Nature Communications")];

    /// <inheritdoc/>
    public string? Quick => "200 in-situ training steps instead of 400";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, new("epochs", "in-situ training steps (default 400)"), ReproOption.Seed];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ulong seed = (ulong)args.Int("seed", 1, 0, int.MaxValue);
        int steps = args.Int("epochs", args.Flag("quick") ? 200 : 400, 1, 1_000_000);
        return new MechanicalRegressionReproResult(MechanicalRegression.Run(seed, steps), MechanicalRegression.Run(seed, steps, sensorNoise: 0));
    }
}
