using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Photonics.Activations;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Bench.Repro;

/// <summary>Settings of <see cref="MeshMnist.Run"/>; the defaults are the full run.</summary>
public sealed record MeshMnistOptions
{
    /// <summary>A reduced run for CI: 2,000 training digits, 500 test digits, 5 epochs.</summary>
    public static MeshMnistOptions Quick { get; } = new() { TrainLimit = 2000, TestLimit = 500, Epochs = 5 };

    /// <summary>Data set: "mnist-subset" (bundled), "mnist" or "fashion-mnist".</summary>
    public string Dataset { get; init; } = "mnist-subset";

    /// <summary>Fourier radius r: (2r)² low-frequency coefficients, one per waveguide; 4 gives the 64 of the task.</summary>
    public int Radius { get; init; } = 4;

    /// <summary>Meshes in the network; an electro-optic activation follows every mesh but the last.</summary>
    public int Meshes { get; init; } = 2;

    /// <summary>
    /// Phase gain g of the electro-optic activations, rad per unit power: 0.2 (chosen by a sweep over
    /// 0.03–1.6 with the output gain; the library default 0.5π wraps the phase of the bright
    /// low-frequency modes several times and trains worse).
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

    /// <summary>Detector gain G·R turning output powers into logits (fixed, not trained): 5, chosen with <see cref="ActivationPhaseGain"/>.</summary>
    public double OutputGain { get; init; } = 5.0;

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
/// <param name="TrainCount">Training digits used.</param>
/// <param name="TestCount">Test digits used.</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="TrainAccuracy">Accuracy on the training digits after training.</param>
/// <param name="TestAccuracy">Accuracy on the test digits.</param>
/// <param name="SystemEnergyPerInferenceJoules">Laser, activations' photodiodes, detectors and ADCs and heater holding power per classified digit (the IQ modulators that launch the Fourier field are charged like amplitude modulators, twice).</param>
/// <param name="CostTerms">The ledger's terms over the test set.</param>
public sealed record MeshMnistResult(string Dataset, int Modes, int Meshes, int TrainCount, int TestCount, int Epochs, double TrainAccuracy, double TestAccuracy, double SystemEnergyPerInferenceJoules, IReadOnlyList<CostEntry> CostTerms);

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

    /// <summary>Runs the reproduction; <paramref name="log"/> receives one line per epoch.</summary>
    public static MeshMnistResult Run(MeshMnistOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (train, test) = DataCatalog.LoadTrainTest<double>(options.Dataset);
        train = Features(Take(train, options.TrainLimit), options.Radius);
        test = Features(Take(test, options.TestLimit), options.Radius);
        int n = 4 * options.Radius * options.Radius;

        var model = Build<double>(n, options);
        var loss = new SoftmaxCrossEntropy<double>();
        int steps = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var trainer = new Trainer<double>(model, loss, new Adam<double>(model.Parameters, options.LearningRate),
            new TrainerOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed }, new CosineSchedule((long)steps * options.Epochs));
        if (options.ShiftPixels > 0)
        {
            trainer = new Trainer<double>(model, loss, new Adam<double>(model.Parameters, options.LearningRate),
                new TrainerOptions { Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed }, new CosineSchedule((long)steps * options.Epochs))
            {
                Augment = (x, rng) => Shift(x, options.Radius, options.ShiftPixels, rng),
            };
        }
        trainer.EpochCompleted += m => log?.Invoke($"epoch {m.Epoch}: train loss {m.TrainLoss:F4}, train accuracy {m.TrainAccuracy:P2}");
        trainer.Fit(train);

        double trainAccuracy = trainer.Evaluate(train).Accuracy!.Value;
        var ledger = new CostLedger();
        double testAccuracy = trainer.Evaluate(test, new ForwardContext(Mode.Eval, new Rng(options.Seed)) { Ledger = ledger }).Accuracy!.Value;
        // The input field comes from IQ modulators: two amplitude modulators (and DACs) per waveguide.
        PhotonicCostModelCharge(ledger, n, test.Count);
        return new MeshMnistResult(options.Dataset, n, options.Meshes, train.Count, test.Count, options.Epochs, trainAccuracy, testAccuracy,
            ledger.SystemEnergyPerInference(ledger.LatencySeconds), ledger.Entries);
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
            layers.Add(new ClementsMesh<T>(modes, rng.Split((ulong)l), name: $"mesh{l}"));
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
