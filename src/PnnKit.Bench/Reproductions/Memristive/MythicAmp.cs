using System.Globalization;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Processor;

namespace PnnKit.Bench.Reproductions;

/// <summary>Settings of <see cref="MythicAmp.Run"/>.</summary>
public sealed record MythicAmpOptions
{
    /// <summary>Seed of the split, the MLP's training, the programming and the read noise.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Training epochs of the MLP (Adam, cosine schedule). Default 10; --quick 3.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>MLP hidden width. Default 256 (the suite's MNIST MLP, 784-256-10).</summary>
    public int Hidden { get; init; } = 256;

    /// <summary>Test rows read (null: the whole 2,000-digit test split); --quick reads the first 500.</summary>
    public int? TestCount { get; init; }

    /// <summary>Also run the imported LeNet-5 CNN (models/lenet5-mnist-subset.onnx). Default true.</summary>
    public bool Cnn { get; init; } = true;

    /// <summary>Retention ages the programmed chip is read at, s: 1 s, 1 day, 30 days, 1 year.</summary>
    public IReadOnlyList<double> Ages { get; init; } = [1, 86_400, 30 * 86_400, 365 * 86_400];

    /// <summary>Temperature the chip is kept and read at, K. Default 328 K (55 °C: an edge box in the sun, assumption).</summary>
    public double TemperatureKelvin { get; init; } = 328;

    /// <summary>
    /// Chips programmed from the same weights, each with its own ISPP noise, erased-state spread and read noise: the first is
    /// the one every other figure reads; the accuracy table adds the mean and worst over all of them (one-sided pairs, global
    /// compensation). Default 5; --quick 3.
    /// </summary>
    public int ProgrammedCopies { get; init; } = 5;

    /// <summary>Training rows the ADC ranges are calibrated on (the first this many of the training split).</summary>
    public int CalibrationRows { get; init; } = 256;

    /// <summary>The processor (defaults: Mythic M1076 after its product brief, <see cref="AnalogMatrixProcessorConfig"/>).</summary>
    public AnalogMatrixProcessorConfig Processor { get; init; } = new();

    /// <summary>Deployment over which programming is amortised in the "left out" column: 30 inferences/s (a camera) for one year (assumption).</summary>
    public Deployment Deployment { get; init; } = new(30, new Duration(365 * 86_400));

    /// <summary>The training data (null: the bundled mnist-subset, 10 % of training as validation).</summary>
    public DataSplits<float>? Data { get; init; }
}

/// <summary>Accuracy of the programmed chip at one age, without and with global drift compensation.</summary>
/// <param name="AgeSeconds">Seconds since programming.</param>
/// <param name="Uncompensated">Test accuracy without compensation.</param>
/// <param name="Compensated">Test accuracy with global drift compensation (one factor per layer from a reference read).</param>
/// <param name="CommonModeUncompensated">The same weights on common-mode pairs (<see cref="FlashPairEncoding.CommonMode"/>), without compensation.</param>
/// <param name="CommonModeCompensated">Common-mode pairs with global compensation (the reference: differential column sums).</param>
public sealed record MythicAge(double AgeSeconds, double Uncompensated, double Compensated, double CommonModeUncompensated, double CommonModeCompensated)
{
    /// <summary>Compensated test accuracy of every programmed chip (<see cref="MythicAmpOptions.ProgrammedCopies"/>; the first is <see cref="Compensated"/>), one-sided pairs.</summary>
    public IReadOnlyList<double> CompensatedCopies { get; init; } = [];
}

/// <summary>One network on the processor.</summary>
/// <param name="Model">In words.</param>
/// <param name="Training">How it was trained.</param>
/// <param name="TestCount">Test rows read.</param>
/// <param name="ValidationDigital">Validation accuracy of the digital model (null: not trained here).</param>
/// <param name="Digital">Test accuracy of the digital fp32 model.</param>
/// <param name="Design">Test accuracy on the processor with the design weights mapped exactly (DACs, ADCs, read noise).</param>
/// <param name="Ages">The programmed chip over retention.</param>
/// <param name="Plan">Tiles, replicas, latency, throughput.</param>
/// <param name="CoreJoules">Core energy per inference (the flash arrays), J.</param>
/// <param name="ConverterJoules">DACs and ADCs per inference, J.</param>
/// <param name="DigitalJoules">SIMD, SRAM and router per inference, J.</param>
/// <param name="StaticJoules">Static power over 1/throughput, J.</param>
/// <param name="HostLinkJoules">Host link per inference, J.</param>
/// <param name="SystemJoules">Everything the chip and its link draw per inference at full throughput, J.</param>
/// <param name="LeftOutJoules">What the published figure leaves out, per inference: supply-regulator losses and the programming energy amortised over the deployment, J.</param>
/// <param name="ProgrammingJoules">Energy of programming every cell of one network copy (ISPP pulses), J.</param>
/// <param name="ProgramPulses">Pulses of that programming.</param>
/// <param name="Unverified">Cells whose pulse budget ran out.</param>
/// <param name="Parameters">Weights and biases.</param>
/// <param name="CommonModeCoreJoules">Core energy per inference with common-mode pairs (both cells conduct), J.</param>
public sealed record MythicModelResult(string Model, string Training, int TestCount, double? ValidationDigital, double Digital, double Design, IReadOnlyList<MythicAge> Ages,
    FlashProcessorPlan Plan, double CoreJoules, double ConverterJoules, double DigitalJoules, double StaticJoules, double HostLinkJoules, double SystemJoules,
    double LeftOutJoules, double ProgrammingJoules, long ProgramPulses, long Unverified, long Parameters, double CommonModeCoreJoules)
{
    /// <summary>Achieved TOPS on this network at full throughput.</summary>
    public double Tops => Plan.OpsPerSecond / 1e12;

    /// <summary>Chip power at that throughput, W.</summary>
    public double SystemWatts => SystemJoules * Plan.InferencesPerSecond;

    /// <summary>TOPS/W counting the flash arrays only.</summary>
    public double TopsPerWattCore => Plan.OpsPerInference / CoreJoules / 1e12;

    /// <summary>TOPS/W counting the whole chip and its link.</summary>
    public double TopsPerWattSystem => Plan.OpsPerInference / SystemJoules / 1e12;
}

/// <summary>What <c>pnn repro mythic</c> measured.</summary>
/// <param name="Models">The MLP, and the CNN when run.</param>
/// <param name="PeakTops">The model's peak: every tile's every weight each product, TOPS.</param>
/// <param name="PeakWatts">Chip power at that peak (the MLP's dynamic energy per operation × peak rate + static power), W.</param>
/// <param name="Processor">The processor.</param>
/// <param name="TemperatureKelvin">Storage and read temperature.</param>
/// <param name="Splits">Train / validation / test sizes.</param>
/// <param name="Seed">The seed.</param>
public sealed record MythicAmpResult(IReadOnlyList<MythicModelResult> Models, double PeakTops, double PeakWatts, AnalogMatrixProcessorConfig Processor, double TemperatureKelvin, SplitSizes Splits, ulong Seed);

/// <summary>
/// Mythic's analog matrix processor (M1076: 25 TOPS, ~3 W typical, 80 M weights in 76 tiles of 40 nm flash; product brief 2021,
/// Hot Chips 2018): an MNIST MLP trained here (plain backprop in float32, then mapped; no hardware-aware training) and the
/// imported LeNet-5 CNN, each on the tiles of <see cref="AnalogMatrixProcessorConfig"/> with ISPP-programmed floating-gate
/// cells (<see cref="FloatingGateCellModel"/>), read at 1 s, 1 day, 1 month and 1 year at a stated temperature, with and
/// without global drift compensation; throughput, energy core vs system, and what the published figure leaves out.
/// Nothing is chosen from test: the MLP's recipe is fixed, ADC ranges are calibrated on training rows, the test split is read
/// once per model and age.
/// </summary>
public static class MythicAmp
{
    /// <summary>M1076 product brief (2021): 25 TOPS (INT8, peak).</summary>
    public const double PublishedTops = 25;

    /// <summary>M1076 product brief (2021): typical power 3–4 W running complex models; 3 W taken.</summary>
    public const double PublishedWatts = 3;

    /// <summary>M1076 product brief (2021): up to 80 M weights on chip.</summary>
    public const double PublishedWeights = 80e6;

    /// <summary>M1076 product brief (2021): 76 AMP tiles.</summary>
    public const int PublishedTiles = 76;

    /// <summary>Hot Chips 2018 (Fick, Mythic; WikiChip Fuse 2018): ~0.5 pJ per MAC, everything on the chip included.</summary>
    public const double PublishedJoulesPerMac = 0.5e-12;

    /// <summary>Runs the MLP (and the CNN); <paramref name="log"/> gets progress.</summary>
    public static MythicAmpResult Run(MythicAmpOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Processor.Validate();
        FloatingGateCellModel.ValidateTemperature(options.TemperatureKelvin, nameof(options.TemperatureKelvin));
        if (options.Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Epochs must be ≥ 1, got {options.Epochs}.");
        }
        if (options.ProgrammedCopies is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"ProgrammedCopies must be in [1, 100], got {options.ProgrammedCopies}.");
        }
        if (options.TestCount is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"TestCount must be ≥ 1 (null: the whole test split), got {options.TestCount}.");
        }
        if (options.Ages.Count == 0 || options.Ages.Any(a => !(a >= 0) || !double.IsFinite(a)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Ages must be one or more finite ages ≥ 0 s.");
        }
        var data = options.Data ?? DataCatalog.LoadSplits<float>("mnist-subset", 0.1, options.Seed);
        var test = options.TestCount is int n && n < data.Test.Count ? data.Test.Subset([.. Enumerable.Range(0, n)]) : data.Test;
        var rng = new Rng(options.Seed).Split("mythic");
        var models = new List<MythicModelResult>();

        var (mlp, validation) = TrainMlp(data, options, rng.Split("mlp"));
        log?.Invoke($"mythic: MLP 784-{options.Hidden}-10 trained ({options.Epochs} epochs), validation {validation:P2}");
        models.Add(Evaluate($"MLP 784-{options.Hidden}-10", $"plain backprop in float32 (Adam, {options.Epochs} epochs), then mapped", mlp, validation, data.Train, test, options, rng.Split("mlp-chip"), log));
        if (options.Cnn)
        {
            var lenet = PhotonicTensorProcessor.Embedded("lenet5-mnist-subset.onnx");
            models.Add(Evaluate("LeNet-5 CNN (models/lenet5-mnist-subset.onnx)", "imported from ONNX (trained in PyTorch, models/train_lenet5.py), mapped without retraining",
                lenet.OnRows(), null, data.Train, test, options, rng.Split("cnn-chip"), log));
        }
        var cfg = options.Processor;
        var first = models[0];
        double joulesPerOp = (first.SystemJoules - first.StaticJoules - first.HostLinkJoules) / first.Plan.OpsPerInference;
        double peakWatts = (joulesPerOp * cfg.PeakOpsPerSecond) + cfg.StaticWatts;
        return new MythicAmpResult(models, cfg.PeakOpsPerSecond / 1e12, peakWatts, cfg, options.TemperatureKelvin, data.Sizes, options.Seed);
    }

    private static (Sequential<float> Model, double Validation) TrainMlp(DataSplits<float> data, MythicAmpOptions options, Rng rng)
    {
        var model = new Sequential<float>(
            new Linear<float>(data.Train.FeatureCount, options.Hidden, rng.Split(0UL), name: "linear1"),
            new ReLU<float>(),
            new Linear<float>(options.Hidden, data.Train.ClassCount, rng.Split(1UL), name: "linear2"));
        const int batch = 64;
        int steps = (data.Train.Count + batch - 1) / batch;
        var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, 1e-3),
            new TrainerOptions { Epochs = options.Epochs, BatchSize = batch, Seed = options.Seed }, new CosineSchedule((long)options.Epochs * steps));
        trainer.Fit(data.Train);
        double validation = Trainer<float>.Evaluate(model, new SoftmaxCrossEntropy<float>(), data.Validation, 256, ForwardContext.Eval()).Accuracy!.Value;
        return (model, validation);
    }

    private static MythicModelResult Evaluate(string name, string training, Sequential<float> digital, double? validation, Dataset<float> train, Dataset<float> test,
        MythicAmpOptions options, Rng rng, Action<string>? log)
    {
        var cfg = options.Processor;
        var loss = new SoftmaxCrossEntropy<float>();
        const int batch = 250;
        double digitalAccuracy = Trainer<float>.Evaluate(digital, loss, test, batch, ForwardContext.Eval()).Accuracy!.Value;
        var chip = SubstrateConversion.Convert(digital, new FlashMapper<float>(cfg, rng.Split("convert")));
        var calibration = train.Subset([.. Enumerable.Range(0, Math.Min(options.CalibrationRows, train.Count))]).Features;
        AnalogMatrixProcessor.CalibrateAdcs(chip, calibration);
        var plan = AnalogMatrixProcessor.Plan(chip, Tensor<float>.FromArray(train.Features.Row(0).ToArray(), 1, train.FeatureCount), cfg);
        double T = options.TemperatureKelvin;
        Rng Reads(double age, int copy)
        {
            var reads = rng.Split("read").Split(BitConverter.DoubleToUInt64Bits(age));
            return copy == 0 ? reads : reads.Split((ulong)copy); // the first chip keeps the draws it had before copies existed
        }
        double Accuracy(double age, CostLedger? ledger, int copy = 0) => Trainer<float>.Evaluate(chip, loss, test, batch,
            new ForwardContext(Mode.Eval, Reads(age, copy)) { AgeSeconds = age, TemperatureKelvin = T, Ledger = ledger }).Accuracy!.Value;
        double design = Accuracy(0, null);
        ulong programSeed = rng.Split("program").NextULong();
        var ages = new List<(double Age, double None, double Global)>[2];
        var ledgers = new CostLedger?[2];
        var encodings = new[] { FlashPairEncoding.OneSided, FlashPairEncoding.CommonMode };
        IReadOnlyList<FlashArrayInstance> instances = [];
        for (int e = 1; e >= 0; e--)
        {
            // Common mode first, so the one-sided copy (the processor's default) is the one left programmed and costed.
            instances = AnalogMatrixProcessor.Program(chip, programSeed, encoding: encodings[e]);
            ages[e] = [];
            foreach (double age in options.Ages)
            {
                AnalogMatrixProcessor.SetCompensation(chip, DriftCompensation.None);
                double none = Accuracy(age, null);
                AnalogMatrixProcessor.SetCompensation(chip, DriftCompensation.Global);
                var l = ledgers[e] is null ? new CostLedger() : null;
                double global = Accuracy(age, l);
                ledgers[e] ??= l;
                ages[e].Add((age, none, global));
                log?.Invoke($"mythic: {name}, {encodings[e]} pairs, at {Age(age)}, {T:0} K: {none:P2} uncompensated, {global:P2} compensated");
            }
        }
        // The other programmed chips: the same weights, their own programming and read noise; one-sided pairs, global compensation.
        var copies = ages[0].Select(a => new List<double> { a.Global }).ToList();
        var copyRng = rng.Split("copies");
        for (int copy = 1; copy < options.ProgrammedCopies; copy++)
        {
            AnalogMatrixProcessor.Program(chip, copyRng.Split((ulong)copy).NextULong());
            AnalogMatrixProcessor.SetCompensation(chip, DriftCompensation.Global);
            for (int i = 0; i < options.Ages.Count; i++)
            {
                copies[i].Add(Accuracy(options.Ages[i], null, copy));
            }
            log?.Invoke($"mythic: {name}, programmed chip {copy + 1}/{options.ProgrammedCopies}: {string.Join(", ", copies.Select(c => $"{c[^1]:P2}"))} compensated");
        }
        var ledger = ledgers[0];
        double commonModeCore = ledgers[1]!.CoreEnergyPerInference;
        var ageResults = ages[0].Select((a, i) => new MythicAge(a.Age, a.None, a.Global, ages[1][i].None, ages[1][i].Global) { CompensatedCopies = copies[i] }).ToList();
        AnalogMatrixProcessor.ChargeChip(ledger!, plan, cfg);
        double perInference = 1 / plan.InferencesPerSecond;
        double Sum(params CostCategory[] c) => ledger!.Entries.Where(e => c.Contains(e.Category)).Sum(e => e.EnergyJoules) / ledger.Inferences;
        double core = ledger!.CoreEnergyPerInference;
        double converters = Sum(CostCategory.Converter);
        double digitalJ = Sum(CostCategory.Control, CostCategory.Memory) + (ledger.Entries.Where(e => e.Category == CostCategory.IO && e.Component != "host link (PCIe)").Sum(e => e.EnergyJoules) / ledger.Inferences);
        double host = ledger.Entries.Where(e => e.Component == "host link (PCIe)").Sum(e => e.EnergyJoules) / ledger.Inferences;
        double staticJ = ledger.TotalStaticPowerWatts * perInference;
        double system = ledger.SystemEnergyPerInference(perInference);
        double programming = instances.Sum(i => i.ProgrammingJoules) * plan.NetworkCopies;
        double leftOut = (system * ((1 / cfg.SupplyEfficiency) - 1)) + (programming / options.Deployment.Inferences);
        long parameters = digital.Parameters.Sum(p => (long)p.Value.Length);
        return new MythicModelResult(name, training, test.Count, validation, digitalAccuracy, design, ageResults, plan, core, converters, digitalJ, staticJ, host, system, leftOut,
            programming, instances.Sum(i => i.Pulses), instances.Sum(i => i.Unverified), parameters, commonModeCore);
    }

    /// <summary>An age in words: 1 s, 1 day, 30 days, 1 year.</summary>
    public static string Age(double seconds) => seconds switch
    {
        >= 365 * 86_400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / (365 * 86_400):0.##} year"),
        >= 86_400 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86_400:0.##} day{(seconds == 86_400 ? "" : "s")}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s"),
    };
}

/// <summary>The processor's figures beside the published ones, as <c>pnn repro mythic</c> prints them.</summary>
public sealed record MythicAmpReproResult(MythicAmpResult Result) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var r = Result;
        var c = r.Processor;
        var report = new ReproReport();
        var chip = report.Table($"Mythic M1076 (published) beside PnnKit's model of it: {c.Tiles} tiles of {c.TileRows}×{c.TileColumns} flash weights (differential cell pairs), "
                + $"{c.DacBits}-bit DACs, {c.AdcBits}-bit ADCs ({c.TileColumns / c.ColumnsPerAdc} per tile), MVM {Si(c.MvmSeconds, "s")}; seed {r.Seed}")
            .AddColumn("quantity").AddColumn("published (M1076)").AddColumn("PnnKit model, peak");
        foreach (var m in r.Models)
        {
            chip.AddColumn("PnnKit, " + m.Model.Split(' ')[0]);
        }
        Row(chip, "tiles", $"{MythicAmp.PublishedTiles}", $"{c.Tiles}", r.Models.Select(m => $"{m.Plan.TilesPerNetwork} × {m.Plan.NetworkCopies} copies"));
        Row(chip, "weights on chip", $"{MythicAmp.PublishedWeights / 1e6:0} M", $"{c.WeightCapacity / 1e6:0.0} M", r.Models.Select(m => $"{m.Plan.WeightsPerNetwork / 1e6:0.000} M per copy"));
        Row(chip, "time per tile product", $"{MythicAmp.PublishedTiles * 2.0 * c.TileRows * c.TileColumns / (MythicAmp.PublishedTops * 1e12) * 1e6:0.0} µs (implied by 25 TOPS on 76 tiles)", Si(c.MvmSeconds, "s"), r.Models.Select(_ => ""));
        Row(chip, "TOPS", $"{MythicAmp.PublishedTops:0} (INT8 peak)", $"{r.PeakTops:0.0}", r.Models.Select(m => $"{m.Tops:0.00}"));
        Row(chip, "power", $"~{MythicAmp.PublishedWatts:0} W typical (3–4 W)", $"{r.PeakWatts:0.00} W", r.Models.Select(m => $"{m.SystemWatts:0.00} W"));
        Row(chip, "TOPS/W system", $"{MythicAmp.PublishedTops / MythicAmp.PublishedWatts:0.0} (25 TOPS / 3 W)", $"{r.PeakTops / r.PeakWatts:0.0}", r.Models.Select(m => $"{m.TopsPerWattSystem:0.00}"));
        Row(chip, "TOPS/W core (flash arrays)", "not published", "", r.Models.Select(m => $"{m.TopsPerWattCore:0}"));
        Row(chip, "energy per MAC, system", $"{MythicAmp.PublishedJoulesPerMac * 1e12:0.0} pJ (Hot Chips 2018)", $"{2e12 * r.PeakWatts / (r.PeakTops * 1e12):0.00} pJ", r.Models.Select(m => $"{2e12 * m.SystemJoules / m.Plan.OpsPerInference:0.00} pJ"));
        Row(chip, "latency per inference", "not published", "", r.Models.Select(m => $"{Si(m.Plan.LatencySeconds, "s")} ({Si(m.Plan.OnChipLatencySeconds, "s")} on chip)"));

        var acc = report.Table($"Accuracy (mnist-subset test, {r.Models[0].TestCount:N0} digits; split {r.Splits.Train:N0} / {r.Splits.Validation:N0} / {r.Splits.Test:N0}), the chip kept and read at {r.TemperatureKelvin:0} K; "
                + "uncompensated → global drift compensation")
            .AddColumn("network").AddColumn("training").AddColumn("digital fp32").AddColumn("processor, design weights");
        foreach (var a in r.Models[0].Ages)
        {
            acc.AddColumn($"programmed, {MythicAmp.Age(a.AgeSeconds)}");
        }
        foreach (var m in r.Models)
        {
            acc.AddRow([m.Model + ", one-sided pairs", m.Training, $"{m.Digital:P2}", $"{m.Design:P2}", .. m.Ages.Select(a => $"{a.Uncompensated:P2} → {a.Compensated:P2}")]);
            acc.AddRow([m.Model + ", common-mode pairs", "the same weights", "", "", .. m.Ages.Select(a => $"{a.CommonModeUncompensated:P2} → {a.CommonModeCompensated:P2}")]);
            acc.AddRow([m.Model + $", {m.Ages[0].CompensatedCopies.Count} programmed chips, one-sided, compensated: mean / worst", "the same weights", "", "",
                .. m.Ages.Select(a => $"{a.CompensatedCopies.Average():P2} / {a.CompensatedCopies.Min():P2}")]);
        }

        var energy = report.Table("Energy per inference at full throughput (core: the flash arrays; system: the chip and its host link; left out of the published figure: supply losses "
                + $"at {c.SupplyEfficiency:P0} efficiency and the ISPP programming amortised over a year at 30 inferences/s)")
            .AddColumn("network").AddColumn("core").AddColumn("DAC + ADC").AddColumn("SIMD + SRAM + router").AddColumn("static").AddColumn("host link").AddColumn("system")
            .AddColumn("left out by the published figure").AddColumn("inferences/s").AddColumn("programming (pulses, energy)").AddColumn("core, common-mode pairs");
        foreach (var m in r.Models)
        {
            energy.AddRow(m.Model, Si(m.CoreJoules, "J"), Si(m.ConverterJoules, "J"), Si(m.DigitalJoules, "J"), Si(m.StaticJoules, "J"), Si(m.HostLinkJoules, "J"), Si(m.SystemJoules, "J"),
                Si(m.LeftOutJoules, "J"), $"{m.Plan.InferencesPerSecond:0.##E+0}", $"{m.ProgramPulses:N0} pulses per copy × {m.Plan.NetworkCopies}, {Si(m.ProgrammingJoules, "J")}{(m.Unverified > 0 ? $", {m.Unverified} unverified" : "")}", Si(m.CommonModeCoreJoules, "J"));
        }

        foreach (var m in r.Models)
        {
            var layers = report.Table($"{m.Model}: layers on tiles (stage = ⌈products / replicas⌉ × (MVM + SIMD) + router hop)")
                .AddColumn("layer").AddColumn("rows × columns").AddColumn("tiles per copy").AddColumn("products per inference").AddColumn("replicas").AddColumn("stage latency");
            foreach (var l in m.Plan.Layers)
            {
                layers.AddRow(l.Name, $"{l.Inputs} × {l.Outputs}", $"{l.TilesPerCopy}", $"{l.ReadsPerInference:N0}", $"{l.Replicas}", Si(l.LatencySeconds, "s"));
            }
        }
        return report.Line("Published: Mythic M1076 product brief (2021: 25 TOPS, 3–4 W typical, 80 M weights, 76 tiles, 40 nm flash, PCIe 2.1 ×4) and Hot Chips 2018 "
                + "(0.5 pJ/MAC all-inclusive, as reported by WikiChip). PnnKit computes its figures from the device and circuit parameters (`pnn devices show flash-mythic-40nm`); "
                + "no published number is an input. The published TOPS is a peak; the networks here use a few tiles, so their achieved TOPS is what the pipeline sustains with whole-network copies on the spare tiles.")
            .Line("Training: the MLP by plain backprop in float32 (no hardware-aware training), nothing chosen on test; ADC ranges from the first training rows. "
                + "Drift compensation: global, one factor per layer from a reference read (one-sided pairs: total current of all cells, as the PCM crossbars' DriftCompensation.Global; "
                + "common-mode pairs: differential column sums). Charge loss shifts each conducting cell's conductance affinely toward the neutral threshold: on one-sided pairs that is a "
                + "sign-dependent weight offset no scale undoes; on common-mode pairs it cancels in G⁺ − G⁻ but for a scale, which the compensation removes. Energies and the plan are the one-sided chip's.");
    }

    private static void Row(ReportTable table, string quantity, string published, string peak, IEnumerable<string> models) =>
        table.AddRow([quantity, published, peak, .. models]);

    private static string Si(double v, string unit)
    {
        if (v == 0)
        {
            return $"0 {unit}";
        }
        string[] prefixes = ["f", "p", "n", "µ", "m", ""];
        int i = Math.Clamp((int)Math.Floor(Math.Log10(Math.Abs(v)) / 3) + 5, 0, prefixes.Length - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{v / Math.Pow(1000, i - 5):0.00} {prefixes[i]}{unit}");
    }
}

/// <summary><c>pnn repro mythic</c>: <see cref="MythicAmp"/> from the command line.</summary>
public sealed class MythicAmpReproduction : IReproduction
{
    /// <summary>Test digits read under --quick.</summary>
    public const int QuickTestCount = 500;

    /// <summary>Chips programmed under --quick.</summary>
    public const int QuickProgrammedCopies = 3;

    /// <inheritdoc/>
    public string Name => "mythic";

    /// <inheritdoc/>
    public string Summary => "Mythic's flash analog matrix processor (M1076): MNIST MLP and LeNet-5 on 1024×1024 flash tiles, TOPS and TOPS/W core vs system, accuracy over a year of retention";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Mythic M1076 product brief", 2021, "Mythic Inc."), new("Fick (Mythic)", 2018, "Hot Chips 30")];

    /// <inheritdoc/>
    public string? Quick => "3 training epochs, the first 500 test digits, 3 programmed chips";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } =
    [
        ReproOption.Quick, ReproOption.Seed, ReproOption.Epochs, new("instances", "chips programmed from the same weights, 1–100 (default 5, --quick 3)"),
        new("temperature", "storage and read temperature in K, 233–398 (default 328)"),
    ];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        bool quick = args.Flag("quick");
        double kelvin = new MythicAmpOptions().TemperatureKelvin;
        if (args.Value("temperature") is string t)
        {
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out kelvin) || !(kelvin >= FloatingGateCellModel.MinTemperature && kelvin <= FloatingGateCellModel.MaxTemperature))
            {
                throw new ArgumentException($"pnn repro mythic: --temperature must be a temperature in K in [{FloatingGateCellModel.MinTemperature}, {FloatingGateCellModel.MaxTemperature}], got '{t}'.");
            }
        }
        var options = new MythicAmpOptions
        {
            Seed = args.Seed,
            Epochs = args.Int("epochs", quick ? 3 : 10, 1, 1000),
            TestCount = quick ? QuickTestCount : null,
            ProgrammedCopies = args.Int("instances", quick ? QuickProgrammedCopies : new MythicAmpOptions().ProgrammedCopies, 1, 100),
            TemperatureKelvin = kelvin,
        };
        return new MythicAmpReproResult(MythicAmp.Run(options, context.Log));
    }
}
