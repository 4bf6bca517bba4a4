using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Photonics.Accel;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Diffractive;

namespace PnnKit.Photonics.Reproductions;

/// <summary>Settings of <see cref="AccelChip.Run"/>; the defaults are the full run.</summary>
public sealed record AccelOptions
{
    /// <summary>Wavelength, m: 532 nm (Chen et al., Nature 623, 48 (2023), Methods: a single-mode 532 nm laser).</summary>
    public const double Wavelength = 532e-9;

    /// <summary>Photodiode pitch, m: 35 µm (Chen et al. 2023, Methods: 32 × 32 photodiodes of 35 µm × 35 µm).</summary>
    public const double PhotodiodePitch = 35e-6;

    /// <summary>Data sets, in order: the bundled MNIST subset, then Fashion-MNIST when installed.</summary>
    public IReadOnlyList<string> Datasets { get; init; } = ["mnist-subset", "fashion-mnist"];

    /// <summary>Simulation pixels per photodiode along each axis: 2 (a 64 × 64 plane of 17.5 µm pixels spans the 1.12 mm array).</summary>
    public int PixelsPerPhotodiode { get; init; } = 2;

    /// <summary>Diffractive phase layers in the OAC: 1 (the paper's single-layer OAC; its two-layer variant is 2).</summary>
    public int DiffractiveLayers { get; init; } = 1;

    /// <summary>
    /// Free-space gap between planes, m; 0: N·p²/λ, the distance at which one plane pixel's diffraction cone
    /// (angle λ/p) spans the simulated plane (36.8 mm for 64 pixels of 17.5 µm). The paper's 150 mm gaps belong to
    /// input fields and masks several mm wide (SLMs of 8–9.2 µm pixels); on a 1.12 mm plane they would send the
    /// light far outside the array, so the gap is scaled with the plane (not tuned).
    /// </summary>
    public double Gap { get; init; }

    /// <summary>Input-plane pixels per image pixel: 2 (28 × 2 = 56 of the 64 plane pixels).</summary>
    public int ImageScale { get; init; } = 2;

    /// <summary>EAC weight levels: 2 (binary, the SRAM steers a photocurrent to the positive or the negative line), 3 (ternary: or to neither).</summary>
    public int WeightLevels { get; init; } = 2;

    /// <summary>
    /// Softmax temperature⁻¹: node outputs are the weighted photocurrent as a fraction of the mean collected current, times this.
    /// 20, chosen with <see cref="LearningRate"/> on the quick run's mnist-subset validation split (500 images; learning rate,
    /// scale → validation: 0.01, 20 → 78.2 %; 0.05, 10/20/50 → 86.0/89.6/84.0 %; 0.02, 50 → 83.8 %; 0.1, 10/20/50 →
    /// 87.8/90.2/85.4 %; 0.2, 20/30 → 91.6/83.4 %; 0.3, 20 → 89.4 %).
    /// </summary>
    public double ScoreScale { get; init; } = 20;

    /// <summary>Phase levels of the fabricated mask: 8 (Chen et al. 2023, Methods: SiO2 phase masks etched to 3-bit depth levels).</summary>
    public int MaskLevels { get; init; } = 8;

    /// <summary>Training images used (0: all of the training part).</summary>
    public int TrainLimit { get; init; }

    /// <summary>Validation and test images used, each (0: all).</summary>
    public int TestLimit { get; init; }

    /// <summary>Fraction of the training images held out for validation (stratified, seeded).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Epochs of end-to-end training (phases and latent EAC weights together).</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate (phases, rad; latent weights in [−1, 1]): 0.2, chosen with <see cref="ScoreScale"/> on validation.</summary>
    public double LearningRate { get; init; } = 0.2;

    /// <summary>Bits of the per-pixel ADCs of the comparison design.</summary>
    public int AdcBits { get; init; } = 8;

    /// <summary>Circuit and light parameters of the frame's energy and latency.</summary>
    public AccelCostModel Cost { get; init; } = AccelCostModel.Default;

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Light on the array the low-light table reads the design at, W: 1 mW (the operating point) down to 100 nW, the frame held to 72 ns.</summary>
    public static IReadOnlyList<double> LowLightWatts { get; } = [1e-3, 1e-4, 1e-5, 1e-6, 1e-7];

    /// <summary>Choose <see cref="LearningRate"/> and <see cref="ScoreScale"/> on each data set's validation split over the grid below (<c>--sweep</c>).</summary>
    public bool Sweep { get; init; }

    /// <summary>Learning rates of the --sweep grid (around the 0.2 chosen on MNIST).</summary>
    public static IReadOnlyList<double> SweepLearningRates { get; } = [0.05, 0.2, 0.5];

    /// <summary>Score scales of the --sweep grid (around the 20 chosen on MNIST).</summary>
    public static IReadOnlyList<double> SweepScoreScales { get; } = [10, 20, 40];

    /// <summary>The reduced run of <c>--quick</c>: 2,000 training and 500 validation / test images, 2 epochs.</summary>

    public static AccelOptions Quick { get; } = new() { TrainLimit = 2000, TestLimit = 500, Epochs = 2 };

    internal void Validate()
    {
        Check(PixelsPerPhotodiode >= 1 && PixelsPerPhotodiode <= 8, nameof(PixelsPerPhotodiode), "in [1, 8]", PixelsPerPhotodiode);
        Check(DiffractiveLayers is >= 1 and <= 5, nameof(DiffractiveLayers), "in [1, 5]", DiffractiveLayers);
        Check(Gap >= 0 && double.IsFinite(Gap), nameof(Gap), "finite and ≥ 0 m (0: N·p²/λ)", Gap);
        Check(ImageScale >= 1, nameof(ImageScale), "≥ 1", ImageScale);
        Check(WeightLevels is 2 or 3, nameof(WeightLevels), "2 or 3", WeightLevels);
        Check(ScoreScale > 0 && double.IsFinite(ScoreScale), nameof(ScoreScale), "finite and > 0", ScoreScale);
        Check(MaskLevels >= 2, nameof(MaskLevels), "≥ 2", MaskLevels);
        Check(ValidationFraction is > 0 and < 1, nameof(ValidationFraction), "in (0, 1)", ValidationFraction);
        Check(Epochs >= 1, nameof(Epochs), "≥ 1", Epochs);
        Check(BatchSize >= 1, nameof(BatchSize), "≥ 1", BatchSize);
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), "finite and > 0", LearningRate);
        Check(AdcBits is >= 1 and <= 16, nameof(AdcBits), "in [1, 16]", AdcBits);
        ArgumentNullException.ThrowIfNull(Cost, nameof(Cost));
    }

    private static void Check(bool ok, string name, string range, double value)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be {range}; got {value}.");
        }
    }
}

/// <summary>Energy and latency of one frame of a design, from its cost ledger.</summary>
/// <param name="Design">"ACCEL (EAC)" or "ADC per photodiode + digital layer".</param>
/// <param name="CoreJoules">The computing cores: the light on the photodiode array (the diffractive core) and the EAC lines and switches (or the digital MACs).</param>
/// <param name="ChipJoules">The electronic chip: everything but the laser, the input encoding and the off-chip output, as the paper's systemic figure counts it.</param>
/// <param name="SystemJoules">Everything: laser at the wall, input encoding, chip, output I/O.</param>
/// <param name="LatencySeconds">Frame latency on the critical path.</param>
/// <param name="Terms">Every charged term.</param>
/// <param name="Excluded">Terms left out, with the reason.</param>
public sealed record AccelFrameCost(string Design, double CoreJoules, double ChipJoules, double SystemJoules, double LatencySeconds, IReadOnlyList<CostEntry> Terms, IReadOnlyDictionary<string, string> Excluded);

/// <summary>ACCEL on one data set.</summary>
/// <param name="Dataset">Data set name.</param>
/// <param name="Splits">Train / validation / test sizes.</param>
/// <param name="EpochValidationAccuracy">Validation accuracy after every epoch.</param>
/// <param name="ValidationAccuracy">Validation accuracy of the trained design.</param>
/// <param name="TestAccuracy">Test accuracy of the trained design (continuous phases, binary EAC weights), its lines read with shot and kT/C noise.</param>
/// <param name="MaskTestAccuracy">Test accuracy with the phases on the fabricated mask's levels (noisy lines, as every figure below).</param>
/// <param name="ShiftedTestAccuracy">Test accuracy of the 3-bit mask shifted one pixel left, right, up and down (four assemblies).</param>
/// <param name="AdcPerPixelTestAccuracy">Test accuracy of the comparison design: same OAC and weights, photocurrents through per-pixel ADCs, a digital layer.</param>
public sealed record AccelDatasetResult(string Dataset, SplitSizes Splits, IReadOnlyList<double> EpochValidationAccuracy, double ValidationAccuracy, double TestAccuracy,
    double MaskTestAccuracy, IReadOnlyList<double> ShiftedTestAccuracy, double AdcPerPixelTestAccuracy)
{
    /// <summary>Test accuracy of the design read through noise-free lines (the figure without shot and kT/C noise).</summary>
    public double NoiseFreeTestAccuracy { get; init; }

    /// <summary>The design with the frame held to the published 72 ns, at each light level of <see cref="AccelOptions.LowLightWatts"/>.</summary>
    public IReadOnlyList<AccelLowLight> LowLight { get; init; } = [];

    /// <summary>Adam learning rate the design was trained at (chosen on this data set's validation split under --sweep).</summary>
    public double LearningRate { get; init; }

    /// <summary>Score scale the design was trained at (chosen with the learning rate under --sweep).</summary>
    public double ScoreScale { get; init; }

    /// <summary>Under --sweep: every grid point's final validation accuracy on this data set; empty otherwise.</summary>
    public IReadOnlyList<AccelSweepPoint> Sweep { get; init; } = [];
}

/// <summary>One point of the --sweep grid on one data set.</summary>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="ScoreScale">Node gain × mean photocurrent.</param>
/// <param name="ValidationAccuracy">Validation accuracy after the last epoch.</param>
public sealed record AccelSweepPoint(double LearningRate, double ScoreScale, double ValidationAccuracy);

/// <summary>The trained design read with its frame held to the published 72 ns at one light level.</summary>
/// <param name="ArrayWatts">Optical power on the photodiode array, W.</param>
/// <param name="LineElectrons">Electrons one computing line collects per node from the mean image (half the array's charge).</param>
/// <param name="ResetNoiseElectrons">Rms kT/C electrons per line.</param>
/// <param name="TestAccuracy">Test accuracy with the lines' shot and kT/C noise.</param>
public sealed record AccelLowLight(double ArrayWatts, double LineElectrons, double ResetNoiseElectrons, double TestAccuracy);

/// <summary>What <see cref="AccelChip.Run"/> measured.</summary>
/// <param name="Grid">Simulated plane side, pixels.</param>
/// <param name="Pitch">Simulated pixel pitch, m.</param>
/// <param name="Gap">Free-space gap, m.</param>
/// <param name="Photodiodes">Photodiodes (32 × 32).</param>
/// <param name="Classes">EAC output nodes.</param>
/// <param name="Datasets">One result per data set that is installed.</param>
/// <param name="Missing">Data sets not installed, with what was looked for and how to install them.</param>
/// <param name="Accel">ACCEL's frame cost.</param>
/// <param name="AdcPerPixel">The comparison design's frame cost.</param>
public sealed record AccelResult(int Grid, double Pitch, double Gap, int Photodiodes, int Classes, IReadOnlyList<AccelDatasetResult> Datasets, IReadOnlyDictionary<string, string> Missing,
    AccelFrameCost Accel, AccelFrameCost AdcPerPixel)
{
    /// <summary>Chen et al. 2023's systemic energy efficiency, operations per second per watt: 74.8 peta-OPS/W (abstract).</summary>
    public const double PublishedOpsPerJoule = 74.8e15;

    /// <summary>Chen et al. 2023's computing speed, operations per second: 4.6 peta-OPS (abstract).</summary>
    public const double PublishedOpsPerSecond = 4.6e15;

    /// <summary>Chen et al. 2023's latency per frame, s: 72 ns (abstract).</summary>
    public const double PublishedLatencySeconds = 72e-9;

    /// <summary>Chen et al. 2023's experimental Fashion-MNIST accuracy: 85.5 % (abstract; first 1,000 test images).</summary>
    public const double PublishedFashionAccuracy = 0.855;

    /// <summary>The energy per frame the published figures imply, J: 4.6 POPS × 72 ns / 74.8 POPS/W = 4.43 nJ (PnnKit's arithmetic, not a quoted figure).</summary>
    public static double PublishedJoulesPerFrame => PublishedOpsPerSecond * PublishedLatencySeconds / PublishedOpsPerJoule;
}

/// <summary>
/// ACCEL, the all-analog photoelectronic chip of Chen et al., Nature 623, 48 (2023): a diffractive optical analog
/// computing module (OAC: coherent 532 nm light, the image on an amplitude SLM, one phase mask) projects onto a
/// 32 × 32 photodiode array whose photocurrents an electronic analog computing module (EAC) sums on computing
/// lines with SRAM-programmed binary weights, a comparator picking the class; no ADC. Trained end to end
/// (phases and latent binary weights, straight-through), evaluated as designed, on the fabricated 3-bit mask,
/// with the mask misaligned by a pixel, and with the EAC swapped for an ADC per photodiode and a digital layer
/// in the same run; both designs costed frame by frame (<see cref="AccelCostModel"/>).
/// </summary>
public static class AccelChip
{
    /// <summary>How to install Fashion-MNIST (the suite's own words).</summary>
    public const string FashionInstall = "apt-get install dataset-fashion-mnist (Debian), or pnn data fetch fashion-mnist --to DIR and set PNNKIT_DATA=DIR";

    /// <summary>Runs the reproduction; <paramref name="log"/> gets per-epoch progress.</summary>
    public static AccelResult Run(AccelOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int cells = PhotodiodeArray<float>.AccelCells, n = cells * options.PixelsPerPhotodiode;
        double pitch = AccelOptions.PhotodiodePitch / options.PixelsPerPhotodiode;
        double gap = options.Gap > 0 ? options.Gap : n * pitch * pitch / AccelOptions.Wavelength;
        var results = new List<AccelDatasetResult>();
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        int classes = 10, imagePixels = 784;
        foreach (string name in options.Datasets)
        {
            DataSplits<float> s;
            try
            {
                s = DataCatalog.LoadSplits<float>(name, options.ValidationFraction, options.Seed);
            }
            catch (Exception e) when (e is DataFormatException or IOException)
            {
                missing[name] = $"{e.Message} Install it with {FashionInstall}.";
                log?.Invoke($"{name}: not installed; install it with {FashionInstall}");
                continue;
            }
            var r = RunOne(name, options, n, pitch, gap, Limit(s.Train, options.TrainLimit), Limit(s.Validation, options.TestLimit), Limit(s.Test, options.TestLimit), log);
            results.Add(r.Result);
            (classes, imagePixels) = (r.Classes, r.ImagePixels);
        }
        int gaps = options.DiffractiveLayers + 1, photodiodes = cells * cells;
        var accel = new CostLedger();
        options.Cost.ChargeAccel(accel, imagePixels, photodiodes, PhotodiodeArray<float>.AccelFillFactor, classes, gaps, 1);
        accel.RecordInferences(1);
        var adc = new CostLedger();
        options.Cost.ChargeAdcPerPixel(adc, imagePixels, photodiodes, PhotodiodeArray<float>.AccelFillFactor, classes, gaps, 1, options.WeightLevels == 2 ? 1 : 2);
        adc.RecordInferences(1);
        return new AccelResult(n, pitch, gap, photodiodes, classes, results, missing, Frame("ACCEL (EAC, no ADC)", accel), Frame($"ADC per photodiode ({options.AdcBits} bit) + digital layer", adc));
    }

    private static AccelFrameCost Frame(string design, CostLedger ledger)
    {
        var terms = ledger.Entries;
        double system = ledger.SystemEnergy(Duration.Zero).Joules;
        double chip = terms.Where(t => (t.Category is CostCategory.Core && t.Component != AccelCostModel.LightOnArray) || t.Category is CostCategory.Memory or CostCategory.Control
            || (t.Category == CostCategory.Converter && !t.Component.StartsWith("input encoding", StringComparison.Ordinal))).Sum(t => t.EnergyJoules);
        return new AccelFrameCost(design, ledger.CoreEnergy.Joules, chip, system, ledger.LatencySeconds, terms, ledger.Excluded);
    }

    private static Dataset<float> Limit(Dataset<float> data, int limit)
        => limit > 0 && limit < data.Count ? data.Subset([.. Enumerable.Range(0, limit)]) : data;

    private sealed record One(AccelDatasetResult Result, int Classes, int ImagePixels);

    private static One RunOne(string name, AccelOptions o, int n, double pitch, double gap, Dataset<float> train, Dataset<float> validation, Dataset<float> test, Action<string>? log)
    {
        if (!o.Sweep)
        {
            return Evaluate(name, o, Train(name, o, n, pitch, gap, train, validation, log), train, validation, test, log);
        }
        // The search on validation: every (learning rate, score scale) trained on this data set, the best final validation kept; test read once.
        var points = new List<AccelSweepPoint>();
        (Trained Net, AccelOptions Options)? best = null;
        foreach (double lr in AccelOptions.SweepLearningRates)
        {
            foreach (double scale in AccelOptions.SweepScoreScales)
            {
                var oi = o with { LearningRate = lr, ScoreScale = scale };
                var t = Train(name, oi, n, pitch, gap, train, validation, log);
                points.Add(new AccelSweepPoint(lr, scale, t.Curve[^1]));
                if (best is null || t.Curve[^1] > best.Value.Net.Curve[^1])
                {
                    best = (t, oi);
                }
            }
        }
        var one = Evaluate(name, best!.Value.Options, best.Value.Net, train, validation, test, log);
        return one with { Result = one.Result with { Sweep = points } };
    }

    private sealed record Trained(Sequential<float> Model, List<ILayer<float>> Layers, List<PhaseMask<float>> Masks, PhotodiodeArray<float> Array, CurrentDomainCrossbar<float> Eac, double MeanCurrent, List<double> Curve);

    private static Trained Train(string name, AccelOptions o, int n, double pitch, double gap, Dataset<float> train, Dataset<float> validation, Action<string>? log)
    {
        int side = (int)Math.Round(Math.Sqrt(train.FeatureCount));
        if (side * side != train.FeatureCount || side * o.ImageScale > n)
        {
            throw new ArgumentException($"{name}: ACCEL needs square images of at most {n / o.ImageScale} pixels a side at ImageScale {o.ImageScale}; got {train.FeatureCount} features.", nameof(o));
        }
        int classes = train.ClassCount;
        var rng = new Rng(o.Seed).Split("accel");
        var layers = new List<ILayer<float>> { new ImagePlane<float>(side, o.ImageScale, n) };
        var masks = new List<PhaseMask<float>>();
        for (int l = 0; l < o.DiffractiveLayers; l++)
        {
            layers.Add(new AngularSpectrumPropagation<float>(n, pitch, AccelOptions.Wavelength, gap, name: $"free-space{l}"));
            var mask = new PhaseMask<float>(n, rng.Split($"mask{l}"), $"mask{l}");
            mask.Phase.Value.Fill(0); // flat masks: free space to start, smooth at the pixel scale
            masks.Add(mask);
            layers.Add(mask);
        }
        layers.Add(new AngularSpectrumPropagation<float>(n, pitch, AccelOptions.Wavelength, gap, name: $"free-space{o.DiffractiveLayers}"));
        var array = new PhotodiodeArray<float>(n, PhotodiodeArray<float>.AccelCells);
        var optics = new Sequential<float>([.. layers, array]);
        // Node gain: ScoreScale over the mean photocurrent the array collects from a training image with flat masks.
        var probe = train.Subset([.. Enumerable.Range(0, Math.Min(256, train.Count))]);
        var currents = optics.Forward(probe.Features, new ForwardContext(Mode.Eval, rng.Split("probe")));
        double meanCurrent = currents.Data.ToArray().Sum(v => (double)v) / probe.Count;
        var eac = new CurrentDomainCrossbar<float>(array.Count, classes, o.WeightLevels, rng.Split("eac"), o.ScoreScale / meanCurrent, "eac");
        var model = new Sequential<float>([.. layers, array, eac]);
        var loss = new SoftmaxCrossEntropy<float>();
        var trainer = new Trainer<float>(model, loss, new Adam<float>(model.Parameters, o.LearningRate), new TrainerOptions { Epochs = o.Epochs, BatchSize = o.BatchSize, Seed = o.Seed });
        var curve = new List<double>();
        trainer.EpochCompleted += m =>
        {
            curve.Add(Accuracy(model, loss, validation, o.BatchSize));
            log?.Invoke($"accel {name}: epoch {m.Epoch}/{o.Epochs}, train loss {m.TrainLoss:F4}, train {m.TrainAccuracy:P2}, validation {curve[^1]:P2}");
        };
        log?.Invoke($"accel {name}: learning rate {o.LearningRate}, score scale {o.ScoreScale}");
        trainer.Fit(train);
        return new Trained(model, layers, masks, array, eac, meanCurrent, curve);
    }

    private static One Evaluate(string name, AccelOptions o, Trained t, Dataset<float> train, Dataset<float> validation, Dataset<float> test, Action<string>? log)
    {
        var (model, layers, masks, array, eac, meanCurrent, curve) = t;
        var loss = new SoftmaxCrossEntropy<float>();
        int classes = eac.Outputs;
        double noiseFree = Accuracy(model, loss, test, o.BatchSize);
        // Deployed reads carry the lines' shot and kT/C noise: at the operating point the lines integrate to the full swing.
        int photodiodes = array.Count;
        LineNoise Lines(AccelCostModel cost, double seconds) => LineNoise.For(cost, photodiodes, array.FillFactor, seconds, meanCurrent);
        var operating = Lines(o.Cost, o.Cost.IntegrationSeconds(photodiodes, array.FillFactor));
        eac.Noise = operating;
        double testAccuracy = Accuracy(model, loss, test, o.BatchSize);
        var lowLight = new List<AccelLowLight>();
        foreach (double watts in AccelOptions.LowLightWatts)
        {
            var cost = o.Cost with { ArrayOpticalPowerWatts = watts };
            var lines = Lines(cost, cost.NodeSecondsWithinFrame(AccelResult.PublishedLatencySeconds, classes, o.DiffractiveLayers + 1));
            eac.Noise = lines;
            lowLight.Add(new AccelLowLight(watts, lines.ElectronsPerUnitCurrent * meanCurrent / 2, lines.ResetNoiseElectrons, Accuracy(model, loss, test, o.BatchSize)));
        }
        eac.Noise = operating;
        masks.ForEach(m => m.Levels = o.MaskLevels);
        double maskAccuracy = Accuracy(model, loss, test, o.BatchSize);
        var shifted = new List<double>();
        foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) })
        {
            masks.ForEach(m => (m.ShiftX, m.ShiftY) = (dx, dy));
            shifted.Add(Accuracy(model, loss, test, o.BatchSize));
        }
        masks.ForEach(m => (m.ShiftX, m.ShiftY, m.Levels) = (0, 0, 0));
        double adcAccuracy = AdcPerPixelAccuracy(layers, array, eac, o, train, test, loss);
        log?.Invoke($"accel {name}: test {testAccuracy:P2} (noise-free lines {noiseFree:P2}), {o.MaskLevels}-level mask {maskAccuracy:P2}, shifted ±1 px mean {shifted.Average():P2}, ADC per pixel {adcAccuracy:P2}");
        var result = new AccelDatasetResult(name, new SplitSizes(train.Count, validation.Count, test.Count), curve, curve[^1], testAccuracy, maskAccuracy, shifted, adcAccuracy)
        {
            NoiseFreeTestAccuracy = noiseFree,
            LowLight = lowLight,
            LearningRate = o.LearningRate,
            ScoreScale = o.ScoreScale,
        };
        return new One(result, classes, train.FeatureCount);
    }

    /// <summary>
    /// The same optics and weights read the other way: each photocurrent through an ADC whose full scale is the
    /// largest current over the training images, then a digital layer holding the EAC's programmed weights × gain.
    /// </summary>
    private static double AdcPerPixelAccuracy(List<ILayer<float>> layers, PhotodiodeArray<float> array, CurrentDomainCrossbar<float> eac, AccelOptions o, Dataset<float> train, Dataset<float> test, Loss<float> loss)
    {
        var optics = new Sequential<float>([.. layers, array]);
        double full = 0;
        for (int at = 0; at < train.Count; at += 256)
        {
            var part = train.Subset([.. Enumerable.Range(at, Math.Min(256, train.Count - at))]);
            full = Math.Max(full, optics.Forward(part.Features, new ForwardContext(Mode.Eval, new Rng(o.Seed))).Data.ToArray().Max(v => (double)v));
        }
        var digital = new Linear<float>(eac.Inputs, eac.Outputs, new Rng(o.Seed), bias: false, name: "digital layer");
        var q = eac.ProgrammedWeights();
        var w = digital.Weight.Value.Span;
        for (int i = 0; i < q.Length; i++)
        {
            w[i] = (float)(q[i] * eac.Gain);
        }
        var model = new Sequential<float>([.. layers, array, new AnalogToDigitalConverter<float>(o.AdcBits, 0, full, "per-pixel adcs"), digital]);
        return Accuracy(model, loss, test, o.BatchSize);
    }

    private static double Accuracy(Sequential<float> model, Loss<float> loss, Dataset<float> data, int batch)
        => Trainer<float>.Evaluate(model, loss, data, batch).Accuracy ?? 0;
}

/// <summary>ACCEL's figures, as <c>pnn repro accel</c> prints them.</summary>
public sealed record AccelReproResult(AccelResult Result, AccelOptions Options) : IReproResult
{
    /// <inheritdoc/>
    public object Json() => Result;

    /// <inheritdoc/>
    public ReproReport Report()
    {
        var report = new ReproReport();
        var r = Result;
        var t = report.Table($"ACCEL (Chen et al. 2023): {Options.DiffractiveLayers} phase mask(s), λ = 532 nm, {r.Grid}×{r.Grid} plane of {r.Pitch * 1e6:0.#} µm, gaps {r.Gap * 1e3:0.#} mm, "
                + $"{r.Photodiodes} photodiodes → EAC {(Options.WeightLevels == 2 ? "binary" : "ternary")} weights → {r.Classes} nodes")
            .AddColumn("data set").AddColumn("splits").AddColumn("validation").AddColumn("test (designed)").AddColumn($"test ({Options.MaskLevels}-level mask)")
            .AddColumn("test, noise-free lines").AddColumn("mask ±1 px: mean / worst").AddColumn("ADC per pixel + digital layer").AddColumn("published (experiment)");
        foreach (var d in r.Datasets)
        {
            t.AddRow(d.Dataset, d.Splits.ToString(), $"{d.ValidationAccuracy:P2}", $"{d.TestAccuracy:P2}", $"{d.MaskTestAccuracy:P2}", $"{d.NoiseFreeTestAccuracy:P2}",
                $"{d.ShiftedTestAccuracy.Average():P2} / {d.ShiftedTestAccuracy.Min():P2}", $"{d.AdcPerPixelTestAccuracy:P2}",
                d.Dataset == "fashion-mnist" ? $"{AccelResult.PublishedFashionAccuracy:P1}" : "— (not in the abstract)");
        }
        foreach (var (name, why) in r.Missing)
        {
            t.AddRow(name, "not installed", "—", "—", "—", "—", "—", "—", name == "fashion-mnist" ? $"{AccelResult.PublishedFashionAccuracy:P1}" : "—");
            report.Line($"{name}: not installed; install it with {AccelChip.FashionInstall}");
        }
        foreach (var d in r.Datasets.Where(d => d.Sweep.Count > 0))
        {
            var sw = report.Table($"--sweep on {d.Dataset}: final validation accuracy per (learning rate, score scale); chosen {d.LearningRate} / {d.ScoreScale}, the test split read once")
                .AddColumn("learning rate").AddColumn("score scale").AddColumn("validation");
            foreach (var p in d.Sweep)
            {
                sw.AddRow($"{p.LearningRate}", $"{p.ScoreScale}", $"{p.ValidationAccuracy:P2}");
            }
        }
        report.Line("Every test figure but the noise-free column reads the computing lines with shot noise and kT/C reset noise, a fresh draw per read, integrated to the full swing.");
        if (r.Datasets.Count > 0)
        {
            var low = report.Table("Dim light: the frame held to the published 72 ns, the lines integrating what that leaves (shot + kT/C noise)")
                .AddColumn("light on the array").AddColumn("electrons per line (mean image)").AddColumn("kT/C rms electrons");
            foreach (var d in r.Datasets)
            {
                low.AddColumn($"test, {d.Dataset}");
            }
            for (int i = 0; i < r.Datasets[0].LowLight.Count; i++)
            {
                var p = r.Datasets[0].LowLight[i];
                low.AddRow([Units.Watts(p.ArrayWatts), $"{p.LineElectrons:G3}", $"{p.ResetNoiseElectrons:F0}", .. r.Datasets.Select(d => $"{d.LowLight[i].TestAccuracy:P2}")]);
            }
        }
        var c = report.Table("Per frame: published vs PnnKit, ACCEL vs the same optics read by an ADC per photodiode")
            .AddColumn("figure").AddColumn("Chen et al. 2023").AddColumn("PnnKit: ACCEL").AddColumn("PnnKit: ADC per pixel + digital").AddColumn("what the published figure leaves out");
        var a = r.Accel;
        var b = r.AdcPerPixel;
        c.AddRow("latency", Units.Seconds(AccelResult.PublishedLatencySeconds), Units.Seconds(a.LatencySeconds), Units.Seconds(b.LatencySeconds),
            $"PnnKit's latency ∝ 1 / light on the array ({Options.Cost.ArrayOpticalPowerWatts * 1e3:0.##} mW here): the EAC integrates each of {r.Classes} nodes in turn");
        c.AddRow("energy, core", "—", Units.Joules(a.CoreJoules), Units.Joules(b.CoreJoules), "—");
        c.AddRow("energy, chip (as the systemic figure counts)", $"{Units.Joules(AccelResult.PublishedJoulesPerFrame)} (4.6 POPS × 72 ns / 74.8 POPS/W)", Units.Joules(a.ChipJoules), Units.Joules(b.ChipJoules),
            "—");
        c.AddRow("energy, system", "—", Units.Joules(a.SystemJoules), Units.Joules(b.SystemJoules),
            $"ACCEL: {Units.Joules(a.SystemJoules - a.ChipJoules)} of laser at the wall, input encoding and output I/O");
        c.AddRow("chip energy vs ACCEL", "", "1×", $"{b.ChipJoules / a.ChipJoules:F0}×", "the claim comes from the readout: no ADC per pixel and no digital MACs");
        var terms = report.Table("Energy terms per frame").AddColumn("design").AddColumn("term").AddColumn("category").AddColumn("energy").AddColumn("stage latency");
        foreach (var f in new[] { a, b })
        {
            foreach (var e in f.Terms)
            {
                terms.AddRow(f.Design, e.Component, $"{e.Category}", Units.Joules(e.EnergyJoules), e.StageLatencySeconds > 0 ? Units.Seconds(e.StageLatencySeconds) : "—");
            }
        }
        foreach (var (term, why) in a.Excluded)
        {
            report.Line($"excluded: {term} ({why})");
        }
        return report;
    }
}

/// <summary><c>pnn repro accel</c>: <see cref="AccelChip"/> from the command line.</summary>
public sealed class AccelReproduction : IReproduction
{
    /// <inheritdoc/>
    public string Name => "accel";

    /// <inheritdoc/>
    public string Summary => "ACCEL: diffractive optics onto 32×32 photodiodes summed by a binary-weight analog EAC, no ADC, vs an ADC per photodiode";

    /// <inheritdoc/>
    public IReadOnlyList<Paper> Papers { get; } = [new("Chen et al.", 2023, "Nature")];

    /// <inheritdoc/>
    public string? Quick => "2,000 training and 500 validation / test images per data set, 2 epochs";

    /// <inheritdoc/>
    public IReadOnlyList<ReproOption> Options { get; } = [ReproOption.Quick, ReproOption.Epochs, ReproOption.Seed, ReproOption.Sweep];

    /// <inheritdoc/>
    public IReproResult Run(IReproArgs args, ReproContext context)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var defaults = args.Flag("quick") ? AccelOptions.Quick : new AccelOptions();
        var options = defaults with { Epochs = args.Int("epochs", defaults.Epochs, 1, 1000), Seed = args.Seed, Sweep = args.Flag("sweep") };
        return new AccelReproResult(AccelChip.Run(options, context.Log), options);
    }
}
