using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Photonics.Activations;
using PnnKit.Photonics.Calibration;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Photonics.Reproductions;

/// <summary>Settings of <see cref="MeshMnist.Run"/>; the defaults are the full run.</summary>
public sealed record MeshMnistOptions
{
    /// <summary>A reduced run for CI: 2,000 training digits, 500 test digits, 5 epochs, calibration with 100 fit and 100 programming iterations.</summary>
    public static MeshMnistOptions Quick { get; } = new()
    {
        TrainLimit = 2000,
        TestLimit = 500,
        Epochs = 5,
        Calibration = new CalibrationOptions { FitCrosstalk = true, FitIterations = 100, ProgramIterations = 100 },
    };

    /// <summary>Fraction of the training digits held out for validation (stratified, seeded): every choice is made there.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Data set: "mnist-subset" (bundled), "mnist" or "fashion-mnist".</summary>
    public string Dataset { get; init; } = "mnist-subset";

    /// <summary>Fourier radius r: (2r)² low-frequency coefficients, one per waveguide; 4 gives the 64 of the task.</summary>
    public int Radius { get; init; } = 4;

    /// <summary>Meshes in the network; an electro-optic activation follows every mesh but the last.</summary>
    public int Meshes { get; init; } = 2;

    /// <summary>
    /// Phase gain g of the electro-optic activations, rad per unit power: 0.2, chosen with
    /// <see cref="OutputGain"/> on validation by <see cref="MeshMnist.Sweep"/> (`pnn repro mesh-mnist --sweep`);
    /// the library default 0.5π wraps the phase of the bright low-frequency modes several times and trains worse.
    /// </summary>
    public double ActivationPhaseGain { get; init; } = 0.2;

    /// <summary>Bias phase φ_b of the electro-optic activations, rad (default: <see cref="ElectroOpticActivation{T}.DefaultBiasPhase"/>).</summary>
    public double ActivationBiasPhase { get; init; } = ElectroOpticActivation<double>.DefaultBiasPhase;

    /// <summary>Output ports with detectors, one per class.</summary>
    public int Classes { get; init; } = 10;

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 60;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam step, rad.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>
    /// Detector gain G·R turning output powers into logits (fixed, not trained): 12, chosen with
    /// <see cref="ActivationPhaseGain"/> on validation (96.13 % of the 800 held-out digits, vs 94.75 % at the 5 an
    /// earlier sweep picked while looking at the test split).
    /// </summary>
    public double OutputGain { get; init; } = 12.0;

    /// <summary>
    /// Training augmentation: each training digit is shifted by a random whole number of pixels in
    /// −s … s along each axis (0: off). In the Fourier domain a shift is a phase ramp, so it is applied
    /// to the coefficients directly.
    /// </summary>
    public int ShiftPixels { get; init; } = 1;

    /// <summary>Use only this many training digits (null: all).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Use only this many test digits (null: all).</summary>
    public int? TestLimit { get; init; }

    /// <summary>
    /// Errors of the fabricated chip the trained network is deployed on, one instance per mesh (null:
    /// report the ideal meshes only): by default <see cref="MeshVariation.Typical"/>, couplers, phase
    /// offsets, loss, thermal crosstalk and 12-bit heater drivers as a silicon thermo-optic mesh has them.
    /// </summary>
    public MeshVariation? Chip { get; init; } = MeshVariation.Typical;

    /// <summary>
    /// Calibration of every fabricated mesh towards the trained mesh's transfer matrix (MeshCalibration:
    /// probes, fit, re-program). Fits the crosstalk kernel; its layout is the chip's. Quick: 100 + 100 iterations.
    /// </summary>
    public CalibrationOptions Calibration { get; init; } = new() { FitCrosstalk = true };

    /// <summary>
    /// Technology of the meshes' phase shifters (<c>--phase-shifter thermo|mems|pcm</c>): it sets the static
    /// power in the system energy and the energy of writing the phases; only thermo-optic heaters heat
    /// their neighbours, so the chip has thermal crosstalk only with them.
    /// </summary>
    public PhaseShifterTechnology PhaseShifter { get; init; } = PhaseShifterTechnology.ThermoOptic;

    /// <summary>
    /// Ambient rise after calibration, K, for the drift row: 10 K (assumption: a chip without active
    /// temperature control warming in its enclosure); the phases drift through the arms' path imbalance.
    /// </summary>
    public double AmbientRiseKelvin { get; init; } = 10;

    /// <summary>Seed of the initial phases and the training order.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        if (Radius < 1 || Radius > 14)
        {
            throw new ArgumentOutOfRangeException(nameof(Radius), $"Radius must be in 1..14 for 28×28 digits; got {Radius}.");
        }
        if (Meshes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Meshes), $"Need at least one mesh; got {Meshes}.");
        }
        if (Classes < 2 || Classes > 4 * Radius * Radius)
        {
            throw new ArgumentOutOfRangeException(nameof(Classes), $"Classes must be in 2..{4 * Radius * Radius} (the waveguides); got {Classes}.");
        }
        if (Epochs < 1 || BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"Need Epochs ≥ 1 and BatchSize ≥ 1; got {Epochs}, {BatchSize}.");
        }
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)) || !(OutputGain > 0 && double.IsFinite(OutputGain)))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), $"Learning rate and output gain must be finite and > 0; got {LearningRate}, {OutputGain}.");
        }
        if (ShiftPixels < 0 || ShiftPixels > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(ShiftPixels), $"ShiftPixels must be in 0..4; got {ShiftPixels}.");
        }
        if (!(ValidationFraction > 0 && ValidationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), $"ValidationFraction must be in (0, 1); got {ValidationFraction}.");
        }
        if (!(AmbientRiseKelvin >= -100 && AmbientRiseKelvin <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(AmbientRiseKelvin), $"AmbientRiseKelvin must be in -100..100 K; got {AmbientRiseKelvin}.");
        }
        if (TrainLimit < 1 || TestLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TrainLimit), "Limits must be ≥ 1 when set.");
        }
    }
}

/// <summary>What the mesh MNIST reproduction measured.</summary>
/// <param name="Dataset">The data set.</param>
/// <param name="Modes">Waveguides per mesh, (2r)².</param>
/// <param name="Meshes">Meshes in the network.</param>
/// <param name="Splits">Train / validation / test digits used.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="TrainAccuracy">Accuracy on the training digits after training.</param>
/// <param name="ValidationAccuracy">Accuracy on the held-out validation digits.</param>
/// <param name="TestAccuracy">Accuracy on the test digits.</param>
/// <param name="SystemEnergyPerInferenceJoules">Laser, activations' photodiodes, detectors and ADCs and heater holding power per classified digit (the IQ modulators that launch the Fourier field are charged like amplitude modulators, twice).</param>
/// <param name="CostTerms">The ledger's terms over the test set.</param>
/// <param name="PhaseShifter">The phase-shifter technology (thermo, mems, pcm).</param>
/// <param name="WriteEnergyJoules">Energy of writing the trained phases into every shifter once, J.</param>
/// <param name="Chips">The trained network on ideal meshes, on fabricated ones programmed as designed, and on the same after calibration (empty without a chip).</param>
public sealed record MeshMnistResult(string Dataset, int Modes, int Meshes, SplitSizes Splits, int Epochs, double TrainAccuracy, double ValidationAccuracy, double TestAccuracy, double SystemEnergyPerInferenceJoules, IReadOnlyList<CostEntry> CostTerms,
    IReadOnlyList<MeshMnistChipRow>? Chips = null, string PhaseShifter = "thermo", double WriteEnergyJoules = 0);

/// <summary>One deployment of the trained network: which meshes, test accuracy, mean mesh fidelity to the trained transfer matrices (up to output phases).</summary>
/// <param name="Meshes">"ideal", "fabricated" (programmed with the trained phases), "calibrated", or "calibrated, +ΔT K" (the calibrated chip run warmer than it was calibrated).</param>
/// <param name="TestAccuracy">Accuracy on the test digits.</param>
/// <param name="MeanFidelity">Mean over the meshes of |tr(U_target† U)|²/N² up to output phases.</param>
/// <param name="CalibrationReadings">Intensity readings calibration used, all meshes (0 when not calibrated).</param>
/// <param name="CalibrationSeconds">Device time of calibration, all meshes one after another: each phase write waits the phase shifters' settling time, each probe one symbol (0 when not calibrated).</param>
public sealed record MeshMnistChipRow(string Meshes, double TestAccuracy, double MeanFidelity, long CalibrationReadings, double CalibrationSeconds = 0);

/// <summary>One point of <see cref="MeshMnist.Sweep"/>: the gains and the validation accuracy they train to.</summary>
public sealed record MeshMnistGainPoint(double ActivationPhaseGain, double OutputGain, double ValidationAccuracy);

/// <summary>What <see cref="MeshMnist.Sweep"/> measured: the grid on validation and the chosen point's full result (its test split read once).</summary>
public sealed record MeshMnistSweep(IReadOnlyList<MeshMnistGainPoint> Grid, MeshMnistResult Chosen);

/// <summary>
/// A 64-port mesh network on MNIST (Williamson et al., IEEE JSTQE 26, 7700412 (2020); Pai et al.,
/// Science 380, 398 (2023)): each digit's 64 lowest spatial frequencies (<see cref="ImageFeatures.LowFrequencyFourier{T}"/>,
/// normalized to unit mean magnitude) are launched as the complex field on 64 waveguides; Clements
/// meshes of 64 modes alternate with electro-optic activations; the powers on the first 10 output
/// ports are the class scores. Trained in silico with the meshes' analytic adjoint (not in situ).
/// </summary>
public static class MeshMnist
{
    private const int Side = 28;

    /// <summary>Phase gains of <see cref="Sweep"/>'s default grid, rad per unit power (a factor of about 2.5 apart around the default).</summary>
    public static IReadOnlyList<double> SweepPhaseGains { get; } = [0.08, 0.2, 0.5];

    /// <summary>Output gains of <see cref="Sweep"/>'s default grid (about 2.5 apart).</summary>
    public static IReadOnlyList<double> SweepOutputGains { get; } = [2, 5, 12];

    /// <summary>Runs the reproduction; <paramref name="log"/> receives one line per epoch.</summary>
    public static MeshMnistResult Run(MeshMnistOptions options, Action<string>? log = null)
    {
        var data = Load(options);
        var fit = Fit(options, data, log);
        return Test(options, data, fit);
    }

    /// <summary>
    /// Trains one network per (phase gain, output gain) of the grid, keeps the one with the highest
    /// validation accuracy (the first on ties) and reads the test split once, for it alone.
    /// </summary>
    public static MeshMnistSweep Sweep(MeshMnistOptions options, IReadOnlyList<double>? phaseGains = null, IReadOnlyList<double>? outputGains = null, Action<string>? log = null)
    {
        var data = Load(options);
        var grid = new List<MeshMnistGainPoint>();
        (MeshMnistOptions Options, Fitted Fit)? best = null;
        foreach (double g in phaseGains ?? SweepPhaseGains)
        {
            foreach (double k in outputGains ?? SweepOutputGains)
            {
                var o = options with { ActivationPhaseGain = g, OutputGain = k };
                var fit = Fit(o, data, null);
                grid.Add(new MeshMnistGainPoint(g, k, fit.ValidationAccuracy));
                log?.Invoke($"phase gain {g}, output gain {k}: validation {fit.ValidationAccuracy:P2}");
                if (best is null || fit.ValidationAccuracy > best.Value.Fit.ValidationAccuracy)
                {
                    best = (o, fit);
                }
            }
        }
        return new MeshMnistSweep(grid, Test(best!.Value.Options, data, best.Value.Fit));
    }

    private sealed record Fitted(Trainer<double> Trainer, Sequential<double> Model, double TrainAccuracy, double ValidationAccuracy);

    private static DataSplits<double> Load(MeshMnistOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var s = DataCatalog.LoadSplits<double>(options.Dataset, options.ValidationFraction, options.Seed);
        return new DataSplits<double>(Features(Take(s.Train, options.TrainLimit), options.Radius), Features(s.Validation, options.Radius), Features(Take(s.Test, options.TestLimit), options.Radius));
    }

    private static Fitted Fit(MeshMnistOptions options, DataSplits<double> data, Action<string>? log)
    {
        var model = Build<double>(4 * options.Radius * options.Radius, options);
        int steps = (data.Train.Count + options.BatchSize - 1) / options.BatchSize;
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Adam<double>(model.Parameters, options.LearningRate),
            new TrainerOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed }, new CosineSchedule((long)steps * options.Epochs))
        {
            Augment = options.ShiftPixels > 0 ? (x, rng) => Shift(x, options.Radius, options.ShiftPixels, rng) : null,
        };
        trainer.EpochCompleted += m => log?.Invoke($"epoch {m.Epoch}: train loss {m.TrainLoss:F4}, train accuracy {m.TrainAccuracy:P2}");
        trainer.Fit(data.Train);
        return new Fitted(trainer, model, trainer.Evaluate(data.Train).Accuracy!.Value, trainer.Evaluate(data.Validation).Accuracy!.Value);
    }

    private static MeshMnistResult Test(MeshMnistOptions options, DataSplits<double> data, Fitted fit)
    {
        int n = 4 * options.Radius * options.Radius;
        var ledger = new CostLedger();
        double testAccuracy = fit.Trainer.Evaluate(data.Test, new ForwardContext(Mode.Eval, new Rng(options.Seed)) { Ledger = ledger }).Accuracy!.Value;
        // The input field comes from IQ modulators: two amplitude modulators (and DACs) per waveguide.
        PhotonicCostModelCharge(ledger, n, data.Test.Count);
        return new MeshMnistResult(options.Dataset, n, options.Meshes, new SplitSizes(data.Train.Count, data.Validation.Count, data.Test.Count), options.Epochs, fit.TrainAccuracy, fit.ValidationAccuracy, testAccuracy,
            ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.Entries, options.Chip is { } chip ? Deploy(options, data.Test, fit.Model, testAccuracy, chip) : [],
            options.PhaseShifter.Name, fit.Model.Layers.OfType<ClementsMesh<double>>().Sum(m => (2 * m.MziCount) + m.Modes) * options.PhaseShifter.WriteJoules);
    }

    /// <summary>
    /// The trained network on a fabricated chip: every mesh fabricated once from <paramref name="chip"/>
    /// (seeded per mesh), first programmed with the trained phases as designed, then calibrated towards
    /// the trained mesh's transfer matrix by <see cref="MeshCalibration"/>, which sees output intensities only.
    /// </summary>
    private static MeshMnistChipRow[] Deploy(MeshMnistOptions options, Dataset<double> test, Sequential<double> model, double idealAccuracy, MeshVariation chip)
    {
        var rng = new Rng(options.Seed).Split("mesh-mnist-chip");
        if (!options.PhaseShifter.HeatsNeighbours)
        {
            chip = chip with { ThermalCrosstalk = null, NeighbourCrosstalk = 0 }; // MEMS and PCM shifters dissipate no holding heat
        }
        // The twin's crosstalk kernel has the chip's layout; a chip without heat crosstalk gets none fitted.
        bool fitHeat = options.Calibration.FitCrosstalk && chip.ThermalCrosstalk is not null;
        var calibration = options.Calibration with { FitCrosstalk = fitHeat, ThermalLayout = fitHeat ? chip.ThermalCrosstalk : null };
        var fabricated = new List<ILayer<double>>();
        var calibrated = new List<ILayer<double>>();
        var warm = new List<ILayer<double>>();
        double fabricatedFidelity = 0, calibratedFidelity = 0, warmFidelity = 0;
        long readings = 0;
        double seconds = 0;
        int meshes = 0;
        foreach (var layer in model.Layers)
        {
            if (layer is not ClementsMesh<double> mesh)
            {
                fabricated.Add(layer);
                calibrated.Add(layer);
                warm.Add(layer);
                continue;
            }
            var target = mesh.TransferMatrix();
            ulong seed = rng.Split((ulong)meshes++).NextULong();
            var asDesigned = mesh.Fabricate(chip, seed).Mesh;
            fabricatedFidelity += ComplexMatrix.FidelityUpToOutputPhases(target, asDesigned.TransferMatrix(), mesh.Modes);
            var instance = mesh.Fabricate(chip, seed); // the same instance, calibrated
            var device = instance.Mesh;
            var r = MeshCalibration.Calibrate(device, target, calibration with { Seed = seed });
            calibratedFidelity += r.FidelityAfter;
            readings += r.Measurements;
            seconds += r.DeviceSeconds(mesh.CostModel);
            fabricated.Add(asDesigned);
            calibrated.Add(device);
            var drifted = instance.At(0, ForwardContext.RoomTemperatureKelvin + options.AmbientRiseKelvin); // its calibrated phases, warmer
            warmFidelity += ComplexMatrix.FidelityUpToOutputPhases(target, drifted.TransferMatrix(), mesh.Modes);
            warm.Add(drifted);
        }
        var loss = new SoftmaxCrossEntropy<double>();
        double Accuracy(List<ILayer<double>> layers) =>
            Trainer<double>.Evaluate(new Sequential<double>([.. layers]), loss, test, options.BatchSize, new ForwardContext(Mode.Eval, new Rng(options.Seed))).Accuracy!.Value;
        return
        [
            new("ideal", idealAccuracy, 1, 0),
            new("fabricated", Accuracy(fabricated), fabricatedFidelity / meshes, 0),
            new("calibrated", Accuracy(calibrated), calibratedFidelity / meshes, readings, seconds),
            new($"calibrated, +{options.AmbientRiseKelvin} K", Accuracy(warm), warmFidelity / meshes, readings, seconds),
        ];
    }

    /// <summary>The network: [mesh → electro-optic activation] × (meshes − 1), mesh, the class ports, detectors.</summary>
    public static Sequential<T> Build<T>(int modes, MeshMnistOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = new Rng(options.Seed).Split("mesh-mnist");
        var layers = new List<ILayer<T>>();
        for (int l = 0; l < options.Meshes; l++)
        {
            layers.Add(new ClementsMesh<T>(modes, rng.Split((ulong)l), name: $"mesh{l}") { CostModel = PhotonicCostModel.Default with { PhaseShifter = options.PhaseShifter } });
            if (l < options.Meshes - 1)
            {
                layers.Add(new ElectroOpticActivation<T>(modes, phaseGain: options.ActivationPhaseGain, biasPhase: options.ActivationBiasPhase, name: $"eo{l}"));
            }
        }
        layers.Add(new OutputPorts<T>(modes, options.Classes, "class-ports"));
        layers.Add(new Photodetector<T>(options.Classes, options.OutputGain, name: "detectors"));
        return new Sequential<T>([.. layers]);
    }

    private static void PhotonicCostModelCharge(CostLedger ledger, int modes, int samples) =>
        Photonics.Costs.PhotonicCostModel.Default.ChargeModulators(ledger, "input IQ", 2 * modes, samples);

    /// <summary>
    /// Shifts every image of a batch of low-frequency coefficients by a random (dy, dx) in −s … s:
    /// F(u, v) → F(u, v)·e^{−2πi(u·dy + v·dx)/28}, with u, v = −r … r − 1 in the order of <see cref="ImageFeatures.LowFrequencyFourier{T}"/>.
    /// </summary>
    public static Tensor<double> Shift(Tensor<double> x, int radius, int s, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(rng);
        int side = 2 * radius, n = side * side;
        var y = x.Clone();
        for (int b = 0; b < x.Dim(0); b++)
        {
            int dy = rng.NextInt((2 * s) + 1) - s, dx = rng.NextInt((2 * s) + 1) - s;
            var row = y.Row(b);
            for (int u = 0; u < side; u++)
            {
                for (int v = 0; v < side; v++)
                {
                    int j = (u * side) + v;
                    double a = -2 * Math.PI * (((u - radius) * dy) + ((v - radius) * dx)) / Side;
                    double c = Math.Cos(a), si = Math.Sin(a), re = row[j], im = row[n + j];
                    row[j] = (re * c) - (im * si);
                    row[n + j] = (re * si) + (im * c);
                }
            }
        }
        return y;
    }

    private static Dataset<double> Take(Dataset<double> data, int? limit) =>
        limit is int k && k < data.Count ? new Dataset<double>(data.Name, data.Features.SliceRows(0, k), data.Labels![..k], data.ClassCount) : data;

    private static Dataset<double> Features(Dataset<double> data, int radius) =>
        new(data.Name, ImageFeatures.LowFrequencyFourier(data.Features, Side, Side, radius).Storage, data.Labels!, data.ClassCount);
}

/// <summary>A trained network, as <c>pnn repro mesh-mnist</c> prints it.</summary>
public sealed record MeshMnistReproResult(MeshMnistResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report() => Write(new ReproReport(), Result);

    internal static ReproReport Write(ReproReport report, MeshMnistResult r)
    {
        report.Table($"{r.Meshes} Clements meshes of {r.Modes} ports with electro-optic activations, {r.Modes} low-frequency Fourier coefficients in, 10 detected ports out; {r.Dataset}, {r.Splits}, {r.Epochs} epochs, trained in silico (analytic adjoint); {r.PhaseShifter} phase shifters")
            .AddColumn("train accuracy").AddColumn("validation accuracy").AddColumn("test accuracy").AddColumn("system energy / inference").AddColumn("writing every phase once")
            .AddRow($"{r.TrainAccuracy:P2}", $"{r.ValidationAccuracy:P2}", $"{r.TestAccuracy:P2}", Units.Joules(r.SystemEnergyPerInferenceJoules), Units.Joules(r.WriteEnergyJoules));
        if (r.Chips is { Count: > 0 } chips)
        {
            string heat = r.PhaseShifter == PhaseShifterTechnology.ThermoOptic.Name ? "thermal crosstalk 3 % at 50 µm" : $"no thermal crosstalk ({r.PhaseShifter} shifters hold without heat)";
            var table = report.Table($"the trained network on a fabricated chip, one instance per mesh (coupler σ, phase offsets, 0.2 dB/MZI loss, {heat}, 12-bit drivers); calibration sees output intensities only, {r.Splits.Test} test digits")
                .AddColumn("meshes").AddColumn("test accuracy").AddColumn("mean mesh fidelity (up to output phases)").AddColumn("calibration readings").AddColumn("calibration device time");
            foreach (var c in chips)
            {
                string words = c.Meshes switch
                {
                    "ideal" => "ideal (the design)",
                    "fabricated" => "fabricated, programmed with the trained phases",
                    "calibrated" => r.PhaseShifter == PhaseShifterTechnology.ThermoOptic.Name
                        ? "fabricated, after MeshCalibration (offsets, couplers, crosstalk kernel fitted)"
                        : "fabricated, after MeshCalibration (offsets, couplers fitted)",
                    _ => $"the calibrated chip at {c.Meshes["calibrated, ".Length..]} ambient (phases drift through the arms' path imbalance)",
                };
                table.AddRow(words, $"{c.TestAccuracy:P2}", $"{c.MeanFidelity:F4}", $"{c.CalibrationReadings:N0}", Units.Seconds(c.CalibrationSeconds));
            }
        }
        return report;
    }
}

/// <summary>The gain grid on validation and the chosen network, as <c>pnn repro mesh-mnist --sweep</c> prints them.</summary>
public sealed record MeshMnistSweepResult(MeshMnistSweep Sweep) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Sweep;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var grid = report.Table($"validation accuracy ({Sweep.Chosen.Splits.Validation} held-out training digits) by the activation's phase gain and the detectors' output gain")
            .AddColumn("phase gain, rad per unit power");
        foreach (double k in MeshMnist.SweepOutputGains)
        {
            grid.AddColumn($"output gain {k}");
        }
        foreach (var row in Sweep.Grid.GroupBy(p => p.ActivationPhaseGain))
        {
            grid.AddRow([$"{row.Key}", .. row.Select(p => $"{p.ValidationAccuracy:P2}")]);
        }
        var best = Sweep.Grid.MaxBy(p => p.ValidationAccuracy)!;
        report.Line($"chosen on validation: phase gain {best.ActivationPhaseGain}, output gain {best.OutputGain}; its test split read once:");
        return MeshMnistReproResult.Write(report, Sweep.Chosen);
    }
}

/// <summary><c>pnn repro mesh-mnist</c>: <see cref="MeshMnist"/> from the command line (<c>--sweep</c>: <see cref="MeshMnist.Sweep"/>).</summary>
public sealed class MeshMnistReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "mesh-mnist";

    /// <inheritdoc/>
    public string Summary => "two 64-port Clements meshes + electro-optic activation on 64 Fourier features of MNIST, trained in silico";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Williamson et al.", 2020, "IEEE JSTQE"), new("Pai et al.", 2023, "Science")];

    /// <inheritdoc/>
    public string? Quick => "2,000 training digits, 500 test digits, 5 epochs, 100 + 100 calibration iterations";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, ReproOption.Epochs, ReproOption.Seed, ReproOption.Dataset, ReproOption.Sweep,
        new("phase-shifter", "phase-shifter technology: thermo (default), mems or pcm; sets static power, write energy and whether heat crosstalk exists")];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var options = OptionsFrom(args);
        return args.Flag("sweep")
            ? new MeshMnistSweepResult(MeshMnist.Sweep(options, log: context.Log))
            : new MeshMnistReproResult(MeshMnist.Run(options, context.Log));
    }

    /// <summary>The run's settings from the command line: --quick, --dataset, --epochs, --seed, --phase-shifter.</summary>
    internal static MeshMnistOptions OptionsFrom(IReproArgs args)
    {
        var defaults = args.Flag("quick") ? MeshMnistOptions.Quick : new MeshMnistOptions();
        return defaults with
        {
            Dataset = args.Value("dataset") ?? defaults.Dataset,
            Epochs = args.Int("epochs", defaults.Epochs, 1, 10_000),
            Seed = args.Seed,
            PhaseShifter = args.Value("phase-shifter") is { } tech ? PhaseShifterTechnology.Parse(tech) : defaults.PhaseShifter,
        };
    }
}
