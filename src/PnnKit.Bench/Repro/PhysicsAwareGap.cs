using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Dynamics;
using PnnKit.Methods;

namespace PnnKit.Bench.Repro;

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

    /// <summary>Seed of everything.</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>What the gap experiment measured: test accuracies of each training method on the twin and on the instance.</summary>
public sealed record PhysicsAwareGapResult(
    string Data, int TrainCount, int TestCount, int Pendula, int PhysicalLayers,
    double InSilicoOnTwin, double InSilicoOnSystem, double PhysicsAwareOnSystem, double PhysicsAwareOnTwin,
    long PhysicalQueries);

/// <summary>
/// The model-to-reality gap (Wright et al., Nature 2022): coupled pendula whose real nonlinearity and
/// couplings differ from the model (η, ΔJ). Trained in silico on the nominal model and deployed, the
/// network fails on the real system; physics-aware training — forward on the real system, backward
/// through the nominal twin — trains it where it runs.
/// </summary>
public static class PhysicsAwareGap
{
    /// <summary>Evolution time and steps of each physical layer (T = 4 as the PAT example's Tmax4 data; dt = 0.1).</summary>
    private const double Duration = 4.0;
    private const int Steps = 40;

    /// <summary>Runs both trainings.</summary>
    public static PhysicsAwareGapResult Run(PhysicsAwareGapOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        string data = options.Data ?? (FashionMnistInstalled() ? "fashion-mnist" : "mnist-subset");
        var (trainAll, testAll) = DataCatalog.LoadTrainTest<double>(data);
        var train = Features(trainAll, Math.Min(options.TrainCount, trainAll.Count), options.Side);
        var test = Features(testAll, Math.Min(options.TestCount, testAll.Count), options.Side);
        int n = options.Side * options.Side;

        // In silico: the nominal model, trained and evaluated digitally, then deployed on the instance.
        var twin = Network(options, n, instance: false);
        Train(twin, train, options, log, "in silico");
        double inSilicoTwin = Accuracy(twin, test);
        var deployed = Network(options, n, instance: true);
        CopyParameters(twin, deployed);
        double inSilicoSystem = Accuracy(deployed, test);

        // Physics-aware: forward on the instance (measured, noisy), backward through a fresh twin.
        var systems = new List<LayerSystem<double>>();
        var layers = new List<ILayer<double>>();
        var twinLayers = new List<CoupledPendula<double>>();
        var init = new Rng(options.Seed).Split("init");
        for (int l = 0; l < options.PhysicalLayers; l++)
        {
            var physical = Pendula(options, n, init, l, instance: true);
            var nominal = Pendula(options, n, init, l, instance: false);
            var system = new LayerSystem<double>(physical, n, n, options.MeasurementNoise, options.Seed + 100 + (ulong)l, $"pendula{l + 1}");
            systems.Add(system);
            twinLayers.Add(nominal);
            layers.Add(new PhysicsAwareLayer<double>(system, nominal));
        }
        layers.Add(new Linear<double>(n, 10, init.Split("readout"), name: "readout"));
        var pat = new Sequential<double>([.. layers]);
        Train(pat, train, options, log, "physics-aware");
        double patSystem = Accuracy(pat, test);
        var patOnTwin = Network(options, n, instance: false);
        CopyParameters(pat, patOnTwin);
        double patTwin = Accuracy(patOnTwin, test);

        return new PhysicsAwareGapResult(data, train.Count, test.Count, n, options.PhysicalLayers,
            inSilicoTwin, inSilicoSystem, patSystem, patTwin, systems.Sum(s => s.QueryCount));
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

    private static CoupledPendula<double> Pendula(PhysicsAwareGapOptions o, int n, Rng init, int layer, bool instance) =>
        new(n, Duration, Steps, init.Split((ulong)layer), instance ? o.NonlinearityError : 0, instance ? o.CouplingError : 0, o.Seed + 7 + (ulong)layer, $"pendula{layer + 1}");

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
        int steps = o.Epochs * ((train.Count + 63) / 64);
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Adam<double>(model.Parameters, 3e-3),
            new TrainerOptions { Epochs = o.Epochs, BatchSize = 64, Seed = o.Seed }, new CosineSchedule(steps));
        trainer.EpochCompleted += m => log?.Invoke($"  {label} epoch {m.Epoch}/{o.Epochs}: loss {m.TrainLoss:F4}, train accuracy {m.TrainAccuracy:P1}");
        trainer.Fit(train);
    }

    private static double Accuracy(Sequential<double> model, Dataset<double> test) =>
        Trainer<double>.Evaluate(model, new SoftmaxCrossEntropy<double>(), test, 256, ForwardContext.Eval(3)).Accuracy!.Value;
}
