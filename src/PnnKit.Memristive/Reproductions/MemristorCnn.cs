using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Reproductions;

/// <summary>Settings of <see cref="MemristorCnn.Run"/>.</summary>
public sealed record MemristorCnnOptions
{
    /// <summary>Data set: mnist-subset (bundled, default) or fashion-mnist.</summary>
    public string Dataset { get; init; } = "mnist-subset";

    /// <summary>Training samples used, or null for all (a seeded draw; --quick uses fewer).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Test samples used, or null for all.</summary>
    public int? TestLimit { get; init; }

    /// <summary>Fraction of the training part held out for validation (every choice is made on it): 0.1.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Software training epochs (Adam, cosine schedule).</summary>
    public int SoftwareEpochs { get; init; } = 8;

    /// <summary>Software learning rate (Adam). Assumption: 3e-3, a usual Adam rate for a small CNN trained for few epochs.</summary>
    public double SoftwareLearningRate { get; init; } = 3e-3;

    /// <summary>Most hybrid-training epochs; the epoch kept is chosen on validation (0 keeps the transferred network).</summary>
    public int HybridEpochs { get; init; } = 5;

    /// <summary>Fraction of the training part used in situ: 0.1 (as memristor-hybrid; Yao 2020 use a subset of the training set, the fraction is our assumption).</summary>
    public double HybridDataFraction { get; init; } = 0.1;

    /// <summary>
    /// Hybrid learning rates (Adam) on the FC layer tried on validation, each from the same transferred arrays; the one with the
    /// best validation accuracy is kept. Default 3e-4, 1e-3 (memristor-hybrid's rate), 3e-3: a factor-3 grid around it.
    /// </summary>
    public double[] HybridLearningRates { get; init; } = [3e-4, 1e-3, 3e-3];

    /// <summary>Arrays holding copies of C1's kernels in the replicated configuration: 3 (Yao 2020 replicate C1; three copies is our reading).</summary>
    public int C1Replicas { get; init; } = 3;

    /// <summary>ADC full-scale fractions tried on validation after transfer (<see cref="RramLayerConfig.AdcFullScaleFraction"/>).</summary>
    public double[] AdcFullScaleCandidates { get; init; } = [0.125, 0.25, 0.5, 1];

    /// <summary>
    /// The arrays: Yao 2020's 128 × 16 1T1R cells (<see cref="RramDeviceModel"/> defaults) with 1% stuck-ON and 1% stuck-OFF cells.
    /// Assumption: Yao 2020 report high-yield arrays without a defect count we could read; memristor-hybrid assumes 2% + 2% for PCM,
    /// halved here for the high-yield arrays.
    /// </summary>
    public RramLayerConfig Hardware { get; init; } = new() { Device = MemristivePresets.RramYao2020.Model with { StuckAtOnFraction = 0.01, StuckAtOffFraction = 0.01 } };

    /// <summary>
    /// The deployment the write-verify energy (transfer and hybrid rewrites, paid once) is amortised over: 1,000 images/s for
    /// one year. Assumption: the defaults of every run's cost report (an edge classifier at 1 kHz, a year in the field).
    /// </summary>
    public Deployment Deployment { get; init; } = new(1000, Duration.FromYears(1));

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The reduced run of --quick (a test pins its figures): 3,000 training and 500 test images, 4 software and 3 hybrid epochs, two ADC candidates, two hybrid learning rates.</summary>
    public static MemristorCnnOptions Quick => new()
    {
        TrainLimit = 3000,
        TestLimit = 500,
        SoftwareEpochs = 4,
        HybridEpochs = 3,
        AdcFullScaleCandidates = [0.125, 0.25],
        HybridLearningRates = [1e-3, 3e-3],
    };

    /// <summary>Throws naming the first invalid setting and its allowed range.</summary>
    public void Validate()
    {
        if (Dataset is not ("mnist-subset" or "fashion-mnist"))
        {
            throw new ArgumentOutOfRangeException(nameof(Dataset), $"Dataset must be mnist-subset or fashion-mnist (28 × 28 images), got '{Dataset}'.");
        }
        if (TrainLimit is < 100 || TestLimit is < 1)
        {
            throw new ArgumentOutOfRangeException(TrainLimit is < 100 ? nameof(TrainLimit) : nameof(TestLimit), "TrainLimit must be ≥ 100 and TestLimit ≥ 1 when given.");
        }
        if (!(ValidationFraction > 0 && ValidationFraction < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(ValidationFraction), $"ValidationFraction must be in (0, 0.5), got {ValidationFraction}.");
        }
        if (SoftwareEpochs < 1 || HybridEpochs < 0)
        {
            throw new ArgumentOutOfRangeException(SoftwareEpochs < 1 ? nameof(SoftwareEpochs) : nameof(HybridEpochs), "SoftwareEpochs must be ≥ 1 and HybridEpochs ≥ 0.");
        }
        if (!(HybridDataFraction > 0 && HybridDataFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(HybridDataFraction), $"HybridDataFraction must be in (0, 1], got {HybridDataFraction}.");
        }
        if (!(SoftwareLearningRate > 0 && double.IsFinite(SoftwareLearningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(SoftwareLearningRate), $"SoftwareLearningRate must be finite and > 0, got {SoftwareLearningRate}.");
        }
        if (HybridLearningRates is not { Length: > 0 } || HybridLearningRates.Any(r => !(r > 0) || !double.IsFinite(r)))
        {
            throw new ArgumentOutOfRangeException(nameof(HybridLearningRates), "HybridLearningRates must hold at least one finite rate > 0.");
        }
        if (C1Replicas is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(C1Replicas), $"C1Replicas must be in [1, 64], got {C1Replicas}.");
        }
        if (AdcFullScaleCandidates is not { Length: > 0 } || AdcFullScaleCandidates.Any(f => !(f > 0) || !double.IsFinite(f)))
        {
            throw new ArgumentOutOfRangeException(nameof(AdcFullScaleCandidates), "AdcFullScaleCandidates must hold at least one finite fraction > 0.");
        }
        ArgumentNullException.ThrowIfNull(Hardware, nameof(Hardware));
        Hardware.Validate();
        ArgumentNullException.ThrowIfNull(Deployment, nameof(Deployment));
    }
}

/// <summary>One hardware configuration of the mCNN (C1 on one array set, or replicated).</summary>
/// <param name="C1Replicas">Copies of C1's kernels.</param>
/// <param name="AdcFullScaleFraction">ADC full scale chosen on validation.</param>
/// <param name="TransferredValidationAccuracy">Validation accuracy right after write-verify transfer.</param>
/// <param name="TransferredAccuracy">Test accuracy right after transfer.</param>
/// <param name="HybridLearningRate">Hybrid learning rate kept (chosen on validation).</param>
/// <param name="HybridEpochs">Hybrid epochs kept (chosen on validation; 0: the transfer was best).</param>
/// <param name="HybridValidationAccuracy">Validation accuracy of the kept hybrid network.</param>
/// <param name="HybridAccuracy">Test accuracy after hybrid training.</param>
/// <param name="Arrays">Fabricated arrays (128 × 16 each by default).</param>
/// <param name="Cells">Cells in use.</param>
/// <param name="ProgramPulses">Write-verify pulses of the transfer.</param>
/// <param name="FailedCells">Cells that did not verify at transfer (stuck cells with a target away from their value).</param>
/// <param name="HybridCellsRewritten">FC cells rewritten in situ during the kept hybrid training.</param>
/// <param name="HybridPulses">Write-verify pulses of those rewrites.</param>
/// <param name="Programming">
/// Write-verify energy (pulses and verify reads) of the transfers and of the hybrid rewrites, one event each, amortised over the
/// deployment: every learning-rate candidate starts from a fresh transfer (an upper bound on rewriting the transferred weights)
/// and its rewrites happen on the arrays, so all candidates are charged.
/// </param>
/// <param name="CoreEnergyPerImageJoules">Joule heating in the arrays per image.</param>
/// <param name="SystemEnergyPerImageJoules">Arrays, every DAC, TIA and ADC conversion, digital partial sums, ReLU and pooling, per image, plus the amortised write-verify terms.</param>
/// <param name="LatencyPerImageSeconds">Critical path: ⌈reads / replicas⌉ read cycles per layer, layers in sequence.</param>
/// <param name="CostTerms">The ledger's terms over the test pass.</param>
public sealed record MemristorCnnHardware(
    int C1Replicas, double AdcFullScaleFraction, double TransferredValidationAccuracy, double TransferredAccuracy, double HybridLearningRate, int HybridEpochs,
    double HybridValidationAccuracy, double HybridAccuracy, int Arrays, long Cells, long ProgramPulses, int FailedCells,
    long HybridCellsRewritten, long HybridPulses, IReadOnlyList<AmortisedCost> Programming, double CoreEnergyPerImageJoules, double SystemEnergyPerImageJoules,
    double LatencyPerImageSeconds, IReadOnlyList<CostEntry> CostTerms);

/// <summary>What the mCNN reproduction measured.</summary>
/// <param name="Dataset">Data set.</param>
/// <param name="Splits">Train / validation / test sizes.</param>
/// <param name="HybridSamples">Training samples used in situ.</param>
/// <param name="SoftwareValidationAccuracy">Software network on validation.</param>
/// <param name="SoftwareAccuracy">Software network on test.</param>
/// <param name="DigitalEnergyPerImageJoules">The software network's fp32 MACs, ReLU and pooling per image (Horowitz 2014 costs).</param>
/// <param name="Hardware">Without and with C1 replication.</param>
/// <param name="Deployment">The deployment the write-verify terms are amortised over.</param>
public sealed record MemristorCnnResult(string Dataset, SplitSizes Splits, int HybridSamples, double SoftwareValidationAccuracy, double SoftwareAccuracy, double DigitalEnergyPerImageJoules, IReadOnlyList<MemristorCnnHardware> Hardware, Deployment Deployment);

/// <summary>
/// The five-layer memristor CNN of Yao et al., "Fully hardware-implemented memristor convolutional neural network",
/// Nature 577, 641 (2020): C1 (8 kernels 3 × 3) → ReLU → pool → C3 (12 kernels 3 × 3 × 8) → ReLU → pool → FC 192 → 10.
/// Assumption: the pooling that gives 192 = 12·4·4 features from 28 × 28 is ours — C1 padded by 1 (28 × 28), 2 × 2 max pooling
/// (14 × 14), C3 unpadded (12 × 12), 3 × 3 max pooling (4 × 4).
/// Trained in software (digital Conv2d/MaxPool2d/Linear), then written by write-verify onto fabricated RRAM arrays
/// (<see cref="RramConv2d{T}"/>, <see cref="RramLinear{T}"/>: 8-level cells in differential pairs, 15 weight levels, read
/// noise, nonlinear I–V, stuck cells, 8-bit DACs and ADCs), then hybrid-trained: the forward pass runs through all the
/// programmed arrays, the backward pass is the straight-through transposed read, only the FC layer (and its digital bias) is
/// updated, and after each mini-batch its cells whose target level changed are rewritten by write-verify; the convolution
/// kernels stay as programmed (Yao 2020). Choices (the ADC full scale, the hybrid epoch kept) are made on a validation split;
/// the test split is read once per reported figure.
/// </summary>
public static class MemristorCnn
{
    private const int Side = 28, C1Kernels = 8, C3Kernels = 12, Classes = 10, Batch = 64;

    /// <summary>Runs the reproduction: software, then C1 on one array set and on <see cref="MemristorCnnOptions.C1Replicas"/>.</summary>
    public static MemristorCnnResult Run(MemristorCnnOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (train, validation, test) = Load(options);
        var sizes = new SplitSizes(train.Count, validation.Count, test.Count);
        log?.Invoke($"  data: {options.Dataset}, {sizes}");

        var (software, layers) = TrainSoftware(train, options, log);
        double softwareVal = Accuracy(software, validation, options.Seed, null);
        var digital = new CostLedger();
        double softwareTest = Accuracy(software, test, options.Seed, digital);
        log?.Invoke($"  software: validation {softwareVal:P2}, test {softwareTest:P2}");

        int hybridCount = Math.Max(1, (int)Math.Round(options.HybridDataFraction * train.Count));
        var hybridSet = train.Subset(new Rng(options.Seed).Split("hybrid-subset").Permutation(train.Count).AsSpan(0, hybridCount), "hybrid");
        var rows = new List<MemristorCnnHardware>();
        foreach (int replicas in options.C1Replicas == 1 ? [1] : new[] { 1, options.C1Replicas })
        {
            rows.Add(RunHardware(layers, replicas, hybridSet, validation, test, options, log));
        }
        return new MemristorCnnResult(options.Dataset, sizes, hybridCount, softwareVal, softwareTest, digital.SystemEnergyPerInference(0), rows, options.Deployment);
    }

    private static (Dataset<float> Train, Dataset<float> Validation, Dataset<float> Test) Load(MemristorCnnOptions options)
    {
        var (train, validation, test) = DataCatalog.LoadSplits<float>(options.Dataset, options.ValidationFraction, options.Seed);
        var rng = new Rng(options.Seed).Split("limits");
        if (options.TrainLimit is int nTrain && nTrain < train.Count)
        {
            int nVal = Math.Max(1, (int)Math.Round(nTrain * options.ValidationFraction));
            train = train.Subset(rng.Split("train").Permutation(train.Count).AsSpan(0, nTrain), "train");
            validation = validation.Subset(rng.Split("validation").Permutation(validation.Count).AsSpan(0, Math.Min(nVal, validation.Count)), "validation");
        }
        if (options.TestLimit is int nTest && nTest < test.Count)
        {
            test = test.Subset(rng.Split("test").Permutation(test.Count).AsSpan(0, nTest), "test");
        }
        return (train, validation, test);
    }

    private static (Sequential<float> Model, (Conv2d<float> C1, Conv2d<float> C3, Linear<float> Fc) Layers) TrainSoftware(Dataset<float> train, MemristorCnnOptions o, Action<string>? log)
    {
        var rng = new Rng(o.Seed).Split("software-init");
        var c1 = new Conv2d<float>(1, C1Kernels, 3, 3, rng.Split("c1"), padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "C1");
        var c3 = new Conv2d<float>(C1Kernels, C3Kernels, 3, 3, rng.Split("c3"), name: "C3");
        var fc = new Linear<float>(C3Kernels * 4 * 4, Classes, rng.Split("fc"), name: "FC");
        var model = Network(c1, c3, fc);
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, o.SoftwareLearningRate),
            new TrainerOptions { Epochs = o.SoftwareEpochs, BatchSize = Batch, Seed = o.Seed }, new CosineSchedule((long)o.SoftwareEpochs * ((train.Count + Batch - 1) / Batch)));
        trainer.EpochCompleted += m => log?.Invoke($"  software epoch {m.Epoch}/{o.SoftwareEpochs}  loss {m.TrainLoss:F4}  train acc {m.TrainAccuracy:P2}");
        trainer.Fit(train);
        return (model, (c1, c3, fc));
    }

    // The five layers (C1, S2, C3, S4, FC) with their ReLUs, around whichever convolutions and FC are given.
    private static Sequential<float> Network(ILayer<float> c1, ILayer<float> c3, ILayer<float> fc) => new(
        new Unflatten<float>([1, Side, Side]), c1, new ReLU<float>(), new MaxPool2d<float>(2, 2, 2, 2, name: "S2"),
        c3, new ReLU<float>(), new MaxPool2d<float>(3, 3, 3, 3, name: "S4"), new Flatten<float>(), fc);

    private static MemristorCnnHardware RunHardware((Conv2d<float> C1, Conv2d<float> C3, Linear<float> Fc) sw, int replicas, Dataset<float> hybridSet, Dataset<float> validation, Dataset<float> test, MemristorCnnOptions o, Action<string>? log)
    {
        // The ADC full scale, chosen on validation: the same seed fabricates the same arrays for every candidate.
        double bestFraction = o.AdcFullScaleCandidates[0], bestVal = -1;
        foreach (double f in o.AdcFullScaleCandidates)
        {
            var (m, _, _, _, _) = Transfer(sw, replicas, f, o);
            double acc = Accuracy(m, validation, o.Seed, null);
            log?.Invoke($"  C1 ×{replicas}: ADC full scale {f:G3} of the largest column current → validation {acc:P2}");
            if (acc > bestVal)
            {
                (bestVal, bestFraction) = (acc, f);
            }
        }
        var (model, c1, c3, fc, programmings) = Transfer(sw, replicas, bestFraction, o);
        double transferredTest = Accuracy(model, test, o.Seed, null);
        long pulses = programmings.Sum(p => p.Pulses);
        int failed = programmings.Sum(p => p.FailedCells);
        log?.Invoke($"  C1 ×{replicas}: transferred, validation {bestVal:P2}, test {transferredTest:P2} ({pulses:N0} write-verify pulses, {failed} cells failed to verify)");

        // The hybrid learning rate, chosen on validation: each candidate trains the same transferred arrays (a fresh transfer, same seed).
        double transferJoules = 0, hybridJoules = 0, keptRate = o.HybridLearningRates[0];
        (int Epochs, double Validation, long CellsRewritten, long Pulses, double Joules) kept = default;
        for (int k = 0; k < o.HybridLearningRates.Length; k++)
        {
            double rate = o.HybridLearningRates[k];
            var t = k == 0 ? (Model: model, C1: c1, C3: c3, Fc: fc, Programmings: programmings) : Transfer(sw, replicas, bestFraction, o);
            transferJoules += t.Programmings.Sum(p => p.EnergyJoules);
            var h = Hybrid(t.Model, t.Fc, hybridSet, validation, bestVal, rate, o, log);
            hybridJoules += h.Joules;
            log?.Invoke($"  C1 ×{replicas}: hybrid learning rate {rate:G3} → validation {h.Validation:P2} ({h.Epochs} epochs kept)");
            if (k == 0 || h.Validation > kept.Validation)
            {
                (kept, keptRate, model, c1, c3, fc) = (h, rate, t.Model, t.C1, t.C3, t.Fc);
            }
        }
        var (keptEpochs, hybridVal, rewritten, hybridPulses, _) = kept;
        AmortisedCost[] programming =
        [
            new("write-verify transfers (once)", CostCategory.Calibration, new Energy(transferJoules), 1),
            new("hybrid in-situ rewrites (once)", CostCategory.Calibration, new Energy(hybridJoules), 1),
        ];
        var ledger = new CostLedger();
        double hybridTest = Accuracy(model, test, o.Seed, ledger);
        double latency = c1.LatencySeconds(Side, Side) + c3.LatencySeconds(Side / 2, Side / 2) + fc.LatencySeconds(1);
        double core = ledger.Entries.Where(e => e.Component.EndsWith(" array", StringComparison.Ordinal)).Sum(e => e.EnergyJoules) / ledger.Inferences;
        log?.Invoke($"  C1 ×{replicas}: hybrid (rate {keptRate:G3}, {keptEpochs} epochs kept), validation {hybridVal:P2}, test {hybridTest:P2}");
        var layers = new[] { c1.Inner, c3.Inner, fc };
        return new MemristorCnnHardware(replicas, bestFraction, bestVal, transferredTest, keptRate, keptEpochs, hybridVal, hybridTest,
            layers.Sum(l => l.ArrayCount), layers.Sum(l => l.Cells), pulses, failed, rewritten, hybridPulses, programming,
            core, ledger.SystemEnergyPerInference(latency) + programming.Sum(a => a.PerInference(o.Deployment).Joules), latency, ledger.Entries);
    }

    private static (Sequential<float> Model, RramConv2d<float> C1, RramConv2d<float> C3, RramLinear<float> Fc, RramLayerProgramming[] Programmings) Transfer((Conv2d<float> C1, Conv2d<float> C3, Linear<float> Fc) sw, int replicas, double adcFraction, MemristorCnnOptions o)
    {
        var cfg = o.Hardware with { AdcFullScaleFraction = adcFraction };
        var rng = new Rng(o.Seed).Split("rram-init");
        var c1 = new RramConv2d<float>(1, C1Kernels, 3, 3, MaxAbs(sw.C1.Weight), rng.Split("c1"), cfg with { Replicas = replicas }, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "C1");
        var c3 = new RramConv2d<float>(C1Kernels, C3Kernels, 3, 3, MaxAbs(sw.C3.Weight), rng.Split("c3"), cfg, name: "C3");
        var fc = new RramLinear<float>(sw.Fc.Inputs, Classes, MaxAbs(sw.Fc.Weight), rng.Split("fc"), cfg, name: "FC");
        Copy(sw.C1.Weight, c1.Weight);
        Copy(sw.C1.Bias!, c1.Bias!);
        Copy(sw.C3.Weight, c3.Weight);
        Copy(sw.C3.Bias!, c3.Bias!);
        Copy(sw.Fc.Weight, fc.Weight);
        Copy(sw.Fc.Bias!, fc.Bias!);
        // One fabrication per layer and seed: both ADC candidates and both replication settings see the same C3 and FC arrays.
        var programmings = new[] { c1.Inner.Program(o.Seed + 1), c3.Inner.Program(o.Seed + 2), fc.Program(o.Seed + 3) };
        return (Network(c1, c3, fc), c1, c3, fc, programmings);
    }

    // Hybrid training of the FC layer in situ; keeps the epoch best on validation (rewriting its weights back if a later one was worse).
    private static (int Epochs, double Validation, long CellsRewritten, long Pulses, double Joules) Hybrid(Sequential<float> model, RramLinear<float> fc, Dataset<float> hybridSet, Dataset<float> validation, double transferredVal, double rate, MemristorCnnOptions o, Action<string>? log)
    {
        long rewritten = 0, pulses = 0;
        double joules = 0;
        int bestEpoch = 0;
        double bestVal = transferredVal;
        var best = Snapshot(fc);
        if (o.HybridEpochs == 0)
        {
            return (0, bestVal, 0, 0, 0);
        }
        var fcParams = fc.Parameters;
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>([.. fcParams], rate),
            new TrainerOptions { Epochs = o.HybridEpochs, BatchSize = Batch, Seed = o.Seed + 1 });
        trainer.BatchCompleted += (_, _, _) =>
        {
            var p = fc.Reprogram();
            rewritten += p.CellsRewritten;
            pulses += p.Pulses;
            joules += p.EnergyJoules;
            // The convolutions are not updated: drop the gradients their straight-through backward accumulated.
            foreach (var prm in model.Parameters.Except(fcParams))
            {
                prm.ZeroGrad();
            }
        };
        trainer.EpochCompleted += m =>
        {
            double val = Accuracy(model, validation, o.Seed, null);
            log?.Invoke($"    hybrid epoch {m.Epoch}/{o.HybridEpochs}  loss {m.TrainLoss:F4}  train acc {m.TrainAccuracy:P2}  validation {val:P2}");
            if (val > bestVal)
            {
                (bestVal, bestEpoch, best) = (val, m.Epoch, Snapshot(fc));
            }
        };
        trainer.Fit(hybridSet);
        if (bestEpoch != o.HybridEpochs)
        {
            best.Weight.CopyTo(fc.Weight.Value.Data);
            best.Bias.CopyTo(fc.Bias!.Value.Data);
            var p = fc.Reprogram();
            rewritten += p.CellsRewritten;
            pulses += p.Pulses;
            joules += p.EnergyJoules;
        }
        return (bestEpoch, bestVal, rewritten, pulses, joules);
    }

    private static (float[] Weight, float[] Bias) Snapshot(RramLinear<float> fc) => (fc.Weight.Value.Data.ToArray(), fc.Bias!.Value.Data.ToArray());

    private static double MaxAbs(Parameter<float> p) => Math.Max(1e-6, p.Value.Data.Max(v => Math.Abs((double)v)));

    private static void Copy(Parameter<float> from, Parameter<float> to) => from.Value.Data.CopyTo(to.Value.Data);

    private static double Accuracy(ILayer<float> model, Dataset<float> data, ulong seed, CostLedger? ledger) =>
        Trainer<float>.Evaluate(model, new SoftmaxCrossEntropy<float>(), data, 256, new ForwardContext(Mode.Eval, new Rng(seed).Split("eval")) { Ledger = ledger }).Accuracy!.Value;
}

/// <summary>What <c>pnn repro memristor-cnn</c> measured.</summary>
/// <param name="Result">What the run measured (its JSON).</param>
public sealed record MemristorCnnReproResult(MemristorCnnResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var report = new ReproReport();
        var t = report.Table($"Memristor CNN (Yao et al., Nature 577, 641 (2020)) on {r.Dataset}: C1 8×3×3 → pool 2 → C3 12×3×3×8 → pool 3 → FC 192→10 on 128 × 16 1T1R RRAM arrays (8-level cells in pairs, 15 weight levels)")
            .AddColumn("C1 copies").AddColumn("software").AddColumn("after transfer").AddColumn("after hybrid training (FC in situ)");
        foreach (var h in r.Hardware)
        {
            t.AddRow($"{h.C1Replicas}", $"{r.SoftwareAccuracy:P2}", $"{h.TransferredAccuracy:P2}", $"{h.HybridAccuracy:P2}");
        }
        t.AddRow("Yao 2020", "97.99 %", "≈ 95 %", "96.19 %");
        var hw = report.Table("Hardware per configuration (energy and latency per test image)")
            .AddColumn("C1 copies").AddColumn("arrays").AddColumn("cells").AddColumn("transfer pulses (failed cells)").AddColumn("hybrid rewrites (pulses)")
            .AddColumn("energy core").AddColumn("energy system").AddColumn("latency");
        foreach (var h in r.Hardware)
        {
            hw.AddRow($"{h.C1Replicas}", $"{h.Arrays}", $"{h.Cells:N0}", $"{h.ProgramPulses:N0} ({h.FailedCells})", $"{h.HybridCellsRewritten:N0} ({h.HybridPulses:N0})",
                Units.Joules(h.CoreEnergyPerImageJoules), Units.Joules(h.SystemEnergyPerImageJoules), new Duration(h.LatencyPerImageSeconds).ToString());
        }
        hw.AddRow("Yao 2020", "8", "16,384 on the arrays", "", "", "", "", "");
        var first = r.Hardware[0];
        report.Line($"Data: {r.Splits}; hybrid training on {r.HybridSamples:N0} training samples. Choices on validation: ADC full scale {string.Join(", ", r.Hardware.Select(h => $"{h.AdcFullScaleFraction:G3} (C1 ×{h.C1Replicas})"))} of the largest column current; hybrid learning rate and epochs kept {string.Join(", ", r.Hardware.Select(h => $"{h.HybridLearningRate:G3} / {h.HybridEpochs}"))}.");
        report.Line($"Write-verify energy (SET/RESET pulses and verify reads, amortised over {r.Deployment.InferencesPerSecond:N0} images/s for {r.Deployment.Lifetime.Seconds / 86_400:N0} days; line charging and pulse generators excluded): {string.Join("; ", r.Hardware.Select(h => $"C1 ×{h.C1Replicas}: " + string.Join(", ", h.Programming.Select(a => $"{a.Name} {Units.Joules(a.PerEvent.Joules)} → {a.PerInference(r.Deployment).Joules:G3} J/image"))))}.");
        report.Line($"System energy counts the arrays, every DAC, TIA and ADC conversion, digital partial sums, ReLU and pooling, and the amortised write-verify; core is the arrays alone. The software network's fp32 MACs, ReLU and pooling: {Units.Joules(r.DigitalEnergyPerImageJoules)} per image (Horowitz 2014).");
        return report.Line($"Terms (C1 ×{first.C1Replicas}, per image): {string.Join(", ", first.CostTerms.GroupBy(e => e.Component.EndsWith("(digital)", StringComparison.Ordinal) ? "ReLU and pooling" : e.Component.Split(' ').Last()).Select(g => $"{g.Key} {Units.Joules(g.Sum(e => e.EnergyJoules) / r.Splits.Test)}"))}.");
    }
}

/// <summary><c>pnn repro memristor-cnn</c>: <see cref="MemristorCnn"/> from the command line.</summary>
public sealed class MemristorCnnReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "memristor-cnn";

    /// <inheritdoc/>
    public string Summary => "Yao et al. 2020's five-layer mCNN on 128 × 16 1T1R RRAM arrays: software → write-verify transfer → FC hybrid-trained in situ, C1 with and without replication";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Yao et al.", 2020, "Nature")];

    /// <inheritdoc/>
    public string? Quick => "3,000 training and 500 test images, 4 software and 3 hybrid epochs, two ADC full scales and two hybrid learning rates on validation";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
        [ReproOption.Quick, ReproOption.Epochs with { Help = "most hybrid-training epochs (default 5, --quick 3)" }, ReproOption.Seed, ReproOption.Dataset with { Help = "dataset (mnist-subset, fashion-mnist)" }];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        ulong seed = args.Seed;
        var defaults = args.Flag("quick") ? MemristorCnnOptions.Quick : new MemristorCnnOptions();
        var options = defaults with
        {
            Dataset = args.Value("dataset") ?? defaults.Dataset,
            HybridEpochs = args.Int("epochs", defaults.HybridEpochs, 0, 1000),
            Seed = seed,
        };
        return new MemristorCnnReproResult(MemristorCnn.Run(options, context.Log));
    }
}
