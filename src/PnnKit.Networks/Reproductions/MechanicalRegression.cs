using PnnKit.Core.Data;
using PnnKit.Core.Random;

namespace PnnKit.Networks.Reproductions;

/// <summary>What the mechanical regression reproduction measured.</summary>
/// <param name="Coefficients">Target map, row-major [output, input], in µm of displacement per newton of force.</param>
/// <param name="TrainMseBefore">Training mean squared error at the random initial design, in µm².</param>
/// <param name="Splits">Force pairs drawn for training and, separately, for the held-out test (nothing is chosen, so no validation part).</param>
/// <param name="TrainMseAfter">Training mean squared error after in-situ training, in µm².</param>
/// <param name="TestMseAfter">Mean squared error on held-out force pairs after training, in µm².</param>
/// <param name="TargetVariance">Variance of the training targets, in µm² (the MSE of predicting their mean).</param>
/// <param name="Curve">(step, training MSE / target variance) every <c>reportEvery</c> steps.</param>
/// <param name="Equilibria">Equilibria solved (forward and adjoint), a count of physical experiments.</param>
/// <param name="SensorNoise">Standard deviation of each displacement and elongation reading taken while training, m (0: ideal readings).</param>
public sealed record MechanicalRegressionResult(SplitSizes Splits, double[] Coefficients, double TrainMseBefore, double TrainMseAfter, double TestMseAfter, double TargetVariance, IReadOnlyList<(int Step, double RelativeMse)> Curve, long Equilibria, double SensorNoise);

/// <summary>
/// Linear regression on the Li &amp; Mao (Nature Communications 2024) 14-node triangular lattice: two
/// vertical input forces, and the horizontal displacements of two top nodes must follow a linear map
/// y = A·F of the forces; trained in situ (forward displacement, adjoint force −∂L/∂u at the outputs,
/// measured elongations, ∂L/∂kⱼ = eⱼ e′ⱼ). The target map A is the response of another design of the
/// same lattice (a "teacher" drawn from the same stiffness range), so an exact solution exists and the
/// error can go to zero; the paper's own regression coefficients are not reproduced here.
/// </summary>
public static class MechanicalRegression
{
    /// <summary>Input force nodes (second row, vertical forces), PnnKit's choice.</summary>
    public static readonly IReadOnlyList<int> InputNodes = [6, 7];

    /// <summary>Output nodes (top row, horizontal displacement), as in the Iris task.</summary>
    public static readonly IReadOnlyList<int> OutputNodes = [12, 13];

    /// <summary>Micrometres per metre: losses are in µm so that the adjoint force is of order one newton.</summary>
    private const double Micro = 1e6;

    /// <summary>
    /// Standard deviation of one displacement or elongation reading, m: 10 nm. A stated assumption, not a measured
    /// figure: the repeatability class of a laser-triangulation or capacitive displacement sensor (datasheet
    /// repeatabilities of such sensors lie around 0.01 µm); camera tracking (Altman et al., PRX 2024, tracked node
    /// positions on images) resolves far less, and at this lattice's sub-µm displacements would not train at all.
    /// </summary>
    public const double DefaultSensorNoise = 10e-9;

    /// <summary>
    /// Trains from a random design toward the teacher's linear map with full-batch Adam on θ, every reading taken while
    /// training carrying sensor noise of σ = <paramref name="sensorNoise"/> m; the MSEs reported are of the design's true
    /// displacements (what the trained lattice does, not what one noisy reading says).
    /// </summary>
    public static MechanicalRegressionResult Run(ulong seed = 1, int steps = 400, int samples = 20, double learningRate = 0.05, int reportEvery = 50, double sensorNoise = DefaultSensorNoise)
    {
        if (!(sensorNoise >= 0) || !double.IsFinite(sensorNoise))
        {
            throw new ArgumentOutOfRangeException(nameof(sensorNoise), $"sensorNoise must be finite and ≥ 0 m, got {sensorNoise}.");
        }
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), $"steps must be at least 1, got {steps}.");
        }
        if (samples < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), $"samples must be at least 2, got {samples}.");
        }
        if (reportEvery < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(reportEvery), $"reportEvery must be at least 1, got {reportEvery}.");
        }
        var springs = new SpringNetwork(MechanicalIris.Lattice());
        var engine = springs.Engine;
        var bounds = springs.Bounds;
        int[] outputs = [.. OutputNodes.Select(n => engine.Dof(n, 0))];
        var rng = new Rng(seed);
        // Teacher and student designs: θ ~ N(0, 1) covers most of [k_min, k_max] through the sigmoid.
        var teacher = Enumerable.Range(0, engine.EdgeCount).Select(_ => bounds.Value(rng.Normal(0, 1))).ToArray();
        var theta = Enumerable.Range(0, engine.EdgeCount).Select(_ => rng.Normal(0, 1)).ToArray();
        // Unit forces (1 N) along the input ports give the teacher's coefficients.
        var teacherSolver = engine.Factor(teacher);
        var a = new double[outputs.Length * InputNodes.Count];
        for (int i = 0; i < InputNodes.Count; i++)
        {
            var u = teacherSolver.Solve(Loads(engine, [.. Enumerable.Range(0, InputNodes.Count).Select(q => q == i ? 1.0 : 0.0)]));
            for (int o = 0; o < outputs.Length; o++)
            {
                a[(o * InputNodes.Count) + i] = Micro * u[outputs[o]];
            }
        }
        // Force pairs uniform in ±1 N (PnnKit's choice: small loads keep the bars in their linear range).
        double[][] Draw() => [.. Enumerable.Range(0, samples).Select(_ => Enumerable.Range(0, InputNodes.Count).Select(_ => rng.Uniform(-1, 1)).ToArray())];
        var train = Draw();
        var test = Draw();
        double[] Target(double[] f) => [.. Enumerable.Range(0, outputs.Length).Select(o => Enumerable.Range(0, f.Length).Sum(i => a[(o * f.Length) + i] * f[i]))];
        var trainTargets = train.Select(Target).ToArray();
        var testTargets = test.Select(Target).ToArray();
        double mean = trainTargets.SelectMany(t => t).Average();
        double variance = trainTargets.SelectMany(t => t).Average(t => (t - mean) * (t - mean));
        long equilibria = 0;
        double Mse(double[][] forces, double[][] targets)
        {
            var solver = engine.Factor([.. theta.Select(bounds.Value)]);
            double sum = 0;
            for (int s = 0; s < forces.Length; s++)
            {
                var u = solver.Solve(Loads(engine, forces[s]));
                equilibria++;
                for (int o = 0; o < outputs.Length; o++)
                {
                    double d = (Micro * u[outputs[o]]) - targets[s][o];
                    sum += d * d;
                }
            }
            return sum / (forces.Length * outputs.Length);
        }
        double before = Mse(train, trainTargets);
        var sensor = new Rng(seed).Split("sensor noise");
        var m = new double[theta.Length];
        var v = new double[theta.Length];
        var curve = new List<(int, double)>();
        for (int step = 1; step <= steps; step++)
        {
            var (_, grad) = LossAndGradient(springs, theta, train, trainTargets, sensorNoise, sensor);
            equilibria += 2 * samples;
            // Adam (Kingma & Ba 2015, β₁ = 0.9, β₂ = 0.999) on θ.
            double b1 = 1 - Math.Pow(0.9, step), b2 = 1 - Math.Pow(0.999, step);
            for (int j = 0; j < theta.Length; j++)
            {
                m[j] = (0.9 * m[j]) + (0.1 * grad[j]);
                v[j] = (0.999 * v[j]) + (0.001 * grad[j] * grad[j]);
                theta[j] -= learningRate * (m[j] / b1) / (Math.Sqrt(v[j] / b2) + 1e-12);
            }
            if (step % reportEvery == 0)
            {
                curve.Add((step, Mse(train, trainTargets) / variance));
            }
        }
        return new MechanicalRegressionResult(new SplitSizes(train.Length, 0, test.Length), a, before, Mse(train, trainTargets), Mse(test, testTargets), variance, curve, equilibria, sensorNoise);
    }

    /// <summary>
    /// Mean loss ½ Σₒ (uₒ − tₒ)² (displacements and targets in µm) over the examples and its gradient
    /// with respect to θ by in-situ backpropagation: one factorization per design; per example a forward
    /// equilibrium under the input forces and an adjoint one under −∂L/∂u at the outputs, then
    /// ∂L/∂kⱼ = eⱼ e′ⱼ (as <see cref="EquilibriumLearning.InSitu"/>) and ∂L/∂θⱼ = ∂L/∂kⱼ · dk/dθ. With
    /// <paramref name="sensorNoise"/> &gt; 0 every reading (output displacement, forward and adjoint elongation) adds
    /// N(0, σ²) m from <paramref name="rng"/>; the adjoint load is applied scaled to at most 1 N, the inputs' range, and
    /// its elongations scaled back, so the noise acts on readings of the size the lattice really shows.
    /// </summary>
    public static (double Loss, double[] Gradient) LossAndGradient(SpringNetwork springs, double[] theta, double[][] forces, double[][] targets, double sensorNoise = 0, Rng? rng = null)
    {
        if (sensorNoise > 0 && rng is null)
        {
            throw new ArgumentNullException(nameof(rng), "A random stream is needed to draw the sensor noise.");
        }
        double Read(double x) => sensorNoise > 0 ? x + rng!.Normal(0, sensorNoise) : x;
        ArgumentNullException.ThrowIfNull(springs);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(forces);
        ArgumentNullException.ThrowIfNull(targets);
        var engine = springs.Engine;
        int[] outputs = [.. OutputNodes.Select(n => engine.Dof(n, 0))];
        var solver = engine.Factor([.. theta.Select(springs.Bounds.Value)]);
        var grad = new double[theta.Length];
        double loss = 0;
        for (int s = 0; s < forces.Length; s++)
        {
            var u = solver.Solve(Loads(engine, forces[s]));
            var adjoint = new double[engine.DofCount];
            for (int o = 0; o < outputs.Length; o++)
            {
                // ∂L/∂uₒ = 10⁶ (10⁶ uₒ − tₒ) with u in metres.
                double d = (Micro * Read(u[outputs[o]])) - targets[s][o];
                loss += 0.5 * d * d / forces.Length;
                adjoint[outputs[o]] = -Micro * d / forces.Length;
            }
            double scale = adjoint.Max(Math.Abs);
            if (scale == 0)
            {
                continue;
            }
            var ua = solver.Solve([.. adjoint.Select(f => f / scale)]);
            for (int j = 0; j < grad.Length; j++)
            {
                grad[j] += Read(engine.Elongation(j, u)) * Read(engine.Elongation(j, ua)) * scale;
            }
        }
        for (int j = 0; j < grad.Length; j++)
        {
            grad[j] *= springs.Bounds.Derivative(theta[j]);
        }
        return (loss, grad);
    }

    private static double[] Loads(EquilibriumNetwork engine, double[] forces)
    {
        var f = new double[engine.DofCount];
        for (int i = 0; i < InputNodes.Count; i++)
        {
            f[engine.Dof(InputNodes[i], 1)] = forces[i];
        }
        return f;
    }
}
