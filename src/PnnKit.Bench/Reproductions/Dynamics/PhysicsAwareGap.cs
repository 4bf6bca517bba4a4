using System.Globalization;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Dynamics;
using PnnKit.Methods;

namespace PnnKit.Bench.Reproductions;

/// <summary>Settings of the model-to-reality gap experiment.</summary>
public sealed record PhysicsAwareGapOptions
{
    /// <summary>Data set: fashion-mnist when installed, else the bundled MNIST subset.</summary>
    public string? Data { get; init; }

    /// <summary>Training examples used (a subset keeps the run short).</summary>
    public int TrainCount { get; init; } = 8000;

    /// <summary>Test examples used.</summary>
    public int TestCount { get; init; } = 2000;

    /// <summary>Images are downsampled to side × side pixels, one pendulum each.</summary>
    public int Side { get; init; } = 7;

    /// <summary>Physical layers in a row (each side² pendula), then a digital readout.</summary>
    public int PhysicalLayers { get; init; } = 2;

    /// <summary>Training epochs of each method.</summary>
    public int Epochs { get; init; } = 8;

    /// <summary>Nonlinearity error η of the instance (the PAT example's value).</summary>
    public double NonlinearityError { get; init; } = 0.1;

    /// <summary>Coupling error σ_J of the instance (the PAT example's value).</summary>
    public double CouplingError { get; init; } = 0.2;

    /// <summary>Measurement noise, in radians of amplitude (assumption: a camera resolving 1% of a 1 rad swing).</summary>
    public double MeasurementNoise { get; init; } = 0.01;

    /// <summary>
    /// The twin physics-aware training runs backward through: "nominal" (the model as designed, κ = 1)
    /// or "calibrated" (its nonlinearity η fitted to measurements of the instance).
    /// </summary>
    public string Twin { get; init; } = "nominal";

    /// <summary>
    /// Random (input, control) pairs measured per layer to calibrate the twin and report its held-out
    /// error, each twice (Wright et al. use 10,000 for a neural twin; one parameter needs far fewer).
    /// </summary>
    public int TwinSamples { get; init; } = 2000;

    /// <summary>SAM radius ρ of an extra physics-aware run with sharpness-aware steps; 0: no such run.</summary>
    public double SamRho { get; init; }

    /// <summary>Perturbed copies of the instance the physics-aware networks are also read on (with SAM only).</summary>
    public int PerturbedInstances { get; init; } = 10;

    /// <summary>
    /// Each perturbed copy's control settings land off by Gaussian errors of this standard deviation, in
    /// units of the coupling scale 1/√N (assumption: half the instance's own coupling error, a drifted setting).
    /// </summary>
    public double PerturbationStd { get; init; } = 0.1;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Twin is not ("nominal" or "calibrated"))
        {
            throw new ArgumentOutOfRangeException(nameof(Twin), $"Twin must be nominal or calibrated, got '{Twin}'.");
        }
        if (TwinSamples < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(TwinSamples), $"Need at least 20 measured pairs per layer, got {TwinSamples}.");
        }
        if (!(SamRho >= 0) || !double.IsFinite(SamRho))
        {
            throw new ArgumentOutOfRangeException(nameof(SamRho), $"SAM radius must be finite and ≥ 0, got {SamRho}.");
        }
        if (PerturbedInstances < 1 || !(PerturbationStd >= 0) || !double.IsFinite(PerturbationStd))
        {
            throw new ArgumentOutOfRangeException(nameof(PerturbedInstances), $"Need ≥ 1 perturbed instance and a finite perturbation ≥ 0; got {PerturbedInstances}, {PerturbationStd}.");
        }
    }
}

/// <summary>How well a physical layer's twins predict held-out measurements of the instance.</summary>
/// <param name="Layer">Physical layer, 1-based.</param>
/// <param name="NominalHeldOutError">Normalised error of the nominal model (κ = 1) on held-out measured pairs.</param>
/// <param name="CalibratedEta">The nonlinearity error η fitted to the measurements (the instance has the option's η).</param>
/// <param name="CalibratedHeldOutError">Normalised error of the calibrated twin on the same held-out pairs.</param>
/// <param name="Measurements">Examples measured on the instance to calibrate and test it (pairs × 2).</param>
public sealed record TwinReport(int Layer, double NominalHeldOutError, double CalibratedEta, double CalibratedHeldOutError, long Measurements);

/// <summary>Accuracy over perturbed copies of the instance.</summary>
public sealed record PerturbedAccuracy(double Mean, double Worst, IReadOnlyList<double> Accuracies);

/// <summary>The extra run with sharpness-aware steps, and both physics-aware networks on perturbed copies.</summary>
/// <param name="Rho">SAM radius.</param>
/// <param name="OnSystem">Test accuracy of SAM + physics-aware training on the instance.</param>
/// <param name="PhysicalQueries">Examples it measured (each step measures its batch twice).</param>
/// <param name="PhysicsAwarePerturbed">Plain physics-aware training on the perturbed copies.</param>
/// <param name="SamPerturbed">SAM + physics-aware training on the same copies.</param>
public sealed record SamPatResult(double Rho, double OnSystem, long PhysicalQueries, PerturbedAccuracy PhysicsAwarePerturbed, PerturbedAccuracy SamPerturbed);

/// <summary>What the gap experiment measured: test accuracies of each training method on the twin and on the instance.</summary>
public sealed record PhysicsAwareGapResult(
    string Data, int TrainCount, int TestCount, int Pendula, int PhysicalLayers,
    double InSilicoOnTwin, double InSilicoOnSystem, double PhysicsAwareOnSystem, double PhysicsAwareOnTwin,
    long PhysicalQueries, string Twin, IReadOnlyList<TwinReport> Twins, SamPatResult? Sam, SplitSizes Splits);

/// <summary>
/// The model-to-reality gap (Wright et al., Nature 2022): coupled pendula whose real nonlinearity and
/// couplings differ from the model (η, ΔJ). Trained in silico on the nominal model and deployed, the
/// network fails on the real system; physics-aware training — forward on the real system, backward
/// through the nominal twin — trains it where it runs. The run makes no choice (epochs, learning rate, twin
/// and SAM radius are fixed options; the twin's η is fitted on measurements of the instance, not on data), so
/// no validation part is held out; the test part is read at the end.
/// </summary>
public static class PhysicsAwareGap
{
    /// <summary>Evolution time and steps of each physical layer (T = 4 as the PAT example's Tmax4 data; dt = 0.1).</summary>
    private const double Duration = 4.0;
    private const int Steps = 40;

    /// <summary>Trains in silico and physics-aware (and SAM + physics-aware when asked), after checking the twins against the instance.</summary>
    public static PhysicsAwareGapResult Run(PhysicsAwareGapOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        string data = options.Data ?? (FashionMnistInstalled() ? "fashion-mnist" : "mnist-subset");
        var (trainAll, _, testAll) = DataCatalog.LoadSplits<double>(data, 0, options.Seed);
        var train = Features(trainAll, Math.Min(options.TrainCount, trainAll.Count), options.Side);
        var test = Features(testAll, Math.Min(options.TestCount, testAll.Count), options.Side);
        var sizes = new SplitSizes(train.Count, 0, test.Count);
        log?.Invoke($"  data: {data}, {sizes}");
        int n = options.Side * options.Side;

        // In silico: the nominal model, trained and evaluated digitally, then deployed on the instance.
        var twin = Network(options, n, instance: false);
        Train(twin, train, options, log, "in silico");
        double inSilicoTwin = Accuracy(twin, test);
        var deployed = Network(options, n, instance: true);
        CopyParameters(twin, deployed);
        double inSilicoSystem = Accuracy(deployed, test);

        // The twins: measure each physical layer of the instance, calibrate η, report both twins' held-out error.
        var twins = new List<TwinReport>();
        for (int l = 0; l < options.PhysicalLayers; l++)
        {
            twins.Add(CalibrateTwin(options, n, l));
            log?.Invoke($"  layer {l + 1} twin: held-out normalised error {twins[l].NominalHeldOutError:F4} nominal, {twins[l].CalibratedHeldOutError:F4} calibrated (η = {twins[l].CalibratedEta:F3}), {twins[l].Measurements:N0} measurements");
        }
        double[] twinEta = [.. twins.Select(t => options.Twin == "calibrated" ? t.CalibratedEta : 0)];

        // Physics-aware: forward on the instance (measured, noisy), backward through the twin.
        var (pat, systems) = PhysicsAwareNetwork(options, n, twinEta);
        Train(pat, train, options, log, "physics-aware");
        double patSystem = Accuracy(pat, test);
        long patQueries = systems.Sum(s => s.QueryCount);
        var patOnTwin = Network(options, n, instance: false);
        CopyParameters(pat, patOnTwin);
        double patTwin = Accuracy(patOnTwin, test);

        SamPatResult? sam = null;
        if (options.SamRho > 0)
        {
            // The same network and instance, every step sharpness-aware with physics-aware gradients.
            var (samPat, samSystems) = PhysicsAwareNetwork(options, n, twinEta);
            int steps = options.Epochs * ((train.Count + BatchSize - 1) / BatchSize);
            SharpnessAwareTraining.Fit(samPat, new SoftmaxCrossEntropy<double>(), new Adam<double>(samPat.Parameters, LearningRate), new CosineSchedule(steps), train,
                new TrainerOptions { Epochs = options.Epochs, BatchSize = BatchSize, Seed = options.Seed }, options.SamRho,
                (e, l) => log?.Invoke($"  SAM + physics-aware (ρ = {options.SamRho}) epoch {e}/{options.Epochs}: loss {l:F4}"));
            double samSystem = Accuracy(samPat, test);
            long samQueries = samSystems.Sum(s => s.QueryCount);
            sam = new SamPatResult(options.SamRho, samSystem, samQueries, Perturbed(pat, test, options, n), Perturbed(samPat, test, options, n));
        }

        return new PhysicsAwareGapResult(data, train.Count, test.Count, n, options.PhysicalLayers,
            inSilicoTwin, inSilicoSystem, patSystem, patTwin, patQueries, options.Twin, twins, sam, sizes);
    }

    /// <summary>Mini-batch size and Adam learning rate of every training run here.</summary>
    private const int BatchSize = 64;
    private const double LearningRate = 3e-3;

    /// <summary>Physical layers (instance measured through a <see cref="LayerSystem{T}"/>, twin at nonlinearity error <paramref name="twinEta"/>) and the digital readout.</summary>
    private static (Sequential<double> Model, List<LayerSystem<double>> Systems) PhysicsAwareNetwork(PhysicsAwareGapOptions options, int n, double[] twinEta)
    {
        var systems = new List<LayerSystem<double>>();
        var layers = new List<ILayer<double>>();
        var init = new Rng(options.Seed).Split("init");
        for (int l = 0; l < options.PhysicalLayers; l++)
        {
            var physical = Pendula(options, n, init, l, instance: true);
            var twin = Pendula(options, n, init, l, instance: false, twinEta[l]);
            var system = new LayerSystem<double>(physical, n, n, options.MeasurementNoise, options.Seed + 100 + (ulong)l, $"pendula{l + 1}");
            systems.Add(system);
            layers.Add(new PhysicsAwareLayer<double>(system, twin));
        }
        layers.Add(new Linear<double>(n, 10, init.Split("readout"), name: "readout"));
        return (new Sequential<double>([.. layers]), systems);
    }

    /// <summary>
    /// Measures random (input, control) pairs on layer <paramref name="layer"/> of the instance (a
    /// separate read channel of the same pendula) and fits the twin's η by golden section in [−0.5, 0.5]
    /// (the model needs |η| &lt; 1; half of that brackets any plausible error of a built system).
    /// </summary>
    private static TwinReport CalibrateTwin(PhysicsAwareGapOptions o, int n, int layer)
    {
        var init = new Rng(o.Seed).Split("init");
        var physical = Pendula(o, n, init, layer, instance: true);
        var probe = new LayerSystem<double>(physical, n, n, o.MeasurementNoise, o.Seed + 200 + (ulong)layer, $"pendula{layer + 1}");
        // Inputs: pixels in [0, 1] and swing amplitudes within ±1 rad; controls within the coupling scale 1/√N.
        double scale = 1 / Math.Sqrt(n);
        var fitting = new TwinFittingOptions { Samples = o.TwinSamples, InputRange = (-1, 1), ControlRange = (-scale, scale), Seed = o.Seed + 300 + (ulong)layer };
        var cal = ParametricTwinCalibration.Calibrate(probe, eta => Pendula(o, n, init, layer, instance: false, eta), -0.5, 0.5, 0, fitting);
        return new TwinReport(layer + 1, cal.NominalHeldOutNormalisedError, cal.Value, cal.HeldOutNormalisedError, cal.Queries);
    }

    /// <summary>Accuracy of <paramref name="model"/> when each physical control lands off by N(0, (σ/√N)²); settings restored after.</summary>
    private static PerturbedAccuracy Perturbed(Sequential<double> model, Dataset<double> test, PhysicsAwareGapOptions o, int n)
    {
        var controls = model.Layers.OfType<PhysicsAwareLayer<double>>().SelectMany(l => l.Parameters).ToList();
        var saved = controls.Select(p => p.Value.Clone()).ToList();
        var rng = new Rng(o.Seed).Split("perturbed");
        var acc = new double[o.PerturbedInstances];
        for (int k = 0; k < acc.Length; k++)
        {
            var copy = rng.Split((ulong)k);
            foreach (var p in controls)
            {
                for (int i = 0; i < p.Value.Length; i++)
                {
                    p.Value[i] += copy.Normal(0, o.PerturbationStd / Math.Sqrt(n));
                }
            }
            acc[k] = Accuracy(model, test);
            for (int c = 0; c < controls.Count; c++)
            {
                saved[c].Span.CopyTo(controls[c].Value.Span);
            }
        }
        return new PerturbedAccuracy(acc.Average(), acc.Min(), acc);
    }

    private static bool FashionMnistInstalled()
    {
        try
        {
            DataCatalog.LocateImageSet("fashion-mnist", null);
            return true;
        }
        catch (DataFormatException)
        {
            return false;
        }
    }

    private static Dataset<double> Features(Dataset<double> d, int count, int side)
    {
        var subset = d.Subset([.. Enumerable.Range(0, count)]);
        return ImageFeatures.Downsample(subset, 28, 28, side, side);
    }

    /// <summary>Layer <paramref name="layer"/>'s pendula: the instance (η, ΔJ), or a twin with nonlinearity error <paramref name="twinEta"/> and no coupling error.</summary>
    private static CoupledPendula<double> Pendula(PhysicsAwareGapOptions o, int n, Rng init, int layer, bool instance, double twinEta = 0) =>
        new(n, Duration, Steps, init.Split((ulong)layer), instance ? o.NonlinearityError : twinEta, instance ? o.CouplingError : 0, o.Seed + 7 + (ulong)layer, $"pendula{layer + 1}");

    /// <summary>Pendula layers then a digital readout; the instance version has the errors the twin does not know.</summary>
    private static Sequential<double> Network(PhysicsAwareGapOptions o, int n, bool instance)
    {
        var init = new Rng(o.Seed).Split("init");
        var layers = new List<ILayer<double>>();
        for (int l = 0; l < o.PhysicalLayers; l++)
        {
            layers.Add(Pendula(o, n, init, l, instance));
        }
        layers.Add(new Linear<double>(n, 10, init.Split("readout"), name: "readout"));
        return new Sequential<double>([.. layers]);
    }

    private static void CopyParameters(Sequential<double> from, Sequential<double> to)
    {
        var src = from.Parameters;
        var dst = to.Parameters;
        for (int i = 0; i < src.Count; i++)
        {
            src[i].Value.Span.CopyTo(dst[i].Value.Span);
        }
    }

    private static void Train(Sequential<double> model, Dataset<double> train, PhysicsAwareGapOptions o, Action<string>? log, string label)
    {
        int steps = o.Epochs * ((train.Count + BatchSize - 1) / BatchSize);
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Adam<double>(model.Parameters, LearningRate),
            new TrainerOptions { Epochs = o.Epochs, BatchSize = BatchSize, Seed = o.Seed }, new CosineSchedule(steps));
        trainer.EpochCompleted += m => log?.Invoke($"  {label} epoch {m.Epoch}/{o.Epochs}: loss {m.TrainLoss:F4}, train accuracy {m.TrainAccuracy:P1}");
        trainer.Fit(train);
    }

    private static double Accuracy(Sequential<double> model, Dataset<double> test) =>
        Trainer<double>.Evaluate(model, new SoftmaxCrossEntropy<double>(), test, 256, ForwardContext.Eval(3)).Accuracy!.Value;
}

/// <summary>The gap experiment's outcome, as <c>pnn repro pat</c> prints it.</summary>
/// <param name="Options">The settings it ran with (the report names the instance's errors and the twins' samples).</param>
/// <param name="Result">What <see cref="PhysicsAwareGap.Run"/> measured.</param>
public sealed record PatReproResult(PhysicsAwareGapOptions Options, PhysicsAwareGapResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var (options, r) = (Options, Result);
        var report = new ReproReport();
        var t = report.Table($"Physics-aware training (Wright et al. 2022): {r.PhysicalLayers} layers of {r.Pendula} coupled pendula + digital readout, {r.Data} ({r.Splits}; no choice is made in the run, so no validation part)")
            .AddColumn("training").AddColumn("on the nominal model (twin)").AddColumn($"on the real instance (η = {options.NonlinearityError}, σ_J = {options.CouplingError})");
        t.AddRow("in silico, then deployed", $"{r.InSilicoOnTwin:P2}", $"{r.InSilicoOnSystem:P2}");
        t.AddRow($"physics-aware (forward on the instance, backward through the {r.Twin} twin)", $"{r.PhysicsAwareOnTwin:P2}", $"{r.PhysicsAwareOnSystem:P2}");
        report.Line($"physical queries (examples measured) in physics-aware training and its test: {r.PhysicalQueries:N0}");

        var tw = report.Table($"The twins on held-out measurements of the instance ({options.TwinSamples:N0} random (input, control) pairs per layer, each measured twice; 10 % held out)")
            .AddColumn("layer").AddColumn("nominal model (κ = 1): normalised error").AddColumn("calibrated η").AddColumn("calibrated twin: normalised error").AddColumn("measurements");
        foreach (var w in r.Twins)
        {
            tw.AddRow($"{w.Layer}", $"{w.NominalHeldOutError:F4}", $"{w.CalibratedEta:F3}", $"{w.CalibratedHeldOutError:F4}", $"{w.Measurements:N0}");
        }
        report.Line("Normalised error: squared error over the measured outputs' variance, per pendulum, averaged (0: perfect, 1: no better than the mean). The coupling errors ΔJ stay unknown to either twin.");

        if (r.Sam is { } s)
        {
            var st = report.Table($"SAM with physics-aware gradients (ρ = {s.Rho}): {options.PerturbedInstances} perturbed copies of the instance (controls off by N(0, ({options.PerturbationStd}/√N)²))")
                .AddColumn("training").AddColumn("on the instance").AddColumn("perturbed copies: mean").AddColumn("worst").AddColumn("physical queries");
            st.AddRow("physics-aware", $"{r.PhysicsAwareOnSystem:P2}", $"{s.PhysicsAwarePerturbed.Mean:P2}", $"{s.PhysicsAwarePerturbed.Worst:P2}", $"{r.PhysicalQueries:N0}");
            st.AddRow("physics-aware + SAM", $"{s.OnSystem:P2}", $"{s.SamPerturbed.Mean:P2}", $"{s.SamPerturbed.Worst:P2}", $"{s.PhysicalQueries:N0}");
        }
        return report;
    }
}

/// <summary>
/// <c>pnn repro pat [--twin nominal|calibrated] [--sam RHO] [--instances K]</c>: <see cref="PhysicsAwareGap"/> from the
/// command line: the model-to-reality gap, in-silico vs physics-aware training on coupled pendula, the twins' held-out
/// error, and optionally SAM with physics-aware gradients on K perturbed copies of the instance.
/// </summary>
public sealed class PatReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "pat";

    /// <inheritdoc/>
    public string Summary => "model-to-reality gap: coupled pendula the model gets wrong, in-silico vs physics-aware training, the twins' held-out error, SAM with physics-aware gradients";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Wright et al.", 2022, "Nature")];

    /// <inheritdoc/>
    public string? Quick => "1,500 training and 500 test images, 3 epochs, 300 twin samples per layer, 4 perturbed copies";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
    [
        ReproOption.Quick,
        ReproOption.Epochs,
        new("instances", "perturbed copies of the instance the SAM run is read on"),
        ReproOption.Seed,
        new("twin", "the twin physics-aware training runs backward through: nominal (default) or calibrated"),
        new("sam", "SAM radius ρ of an extra physics-aware run with sharpness-aware steps (0: none)"),
    ];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        bool quick = args.Flag("quick");
        var d = new PhysicsAwareGapOptions();
        string twin = args.Value("twin") ?? d.Twin;
        if (twin is not ("nominal" or "calibrated"))
        {
            throw new ArgumentException($"pnn repro pat: --twin takes nominal or calibrated, got '{twin}'.");
        }
        string samText = args.Value("sam") ?? "0";
        if (!double.TryParse(samText, NumberStyles.Float, CultureInfo.InvariantCulture, out double rho) || !(rho >= 0 && rho <= 10))
        {
            throw new ArgumentException($"pnn repro pat: --sam takes a SAM radius ρ in [0, 10] (0: no SAM run), got '{samText}'.");
        }
        var options = d with
        {
            TrainCount = quick ? 1500 : d.TrainCount,
            TestCount = quick ? 500 : d.TestCount,
            Epochs = args.Int("epochs", quick ? 3 : d.Epochs, 1, 10_000),
            Twin = twin,
            TwinSamples = quick ? 300 : d.TwinSamples,
            SamRho = rho,
            PerturbedInstances = args.Int("instances", quick ? 4 : d.PerturbedInstances, 1, 10_000),
            Seed = seed,
        };
        return new PatReproResult(options, PhysicsAwareGap.Run(options, context.Log));
    }
}
