using System.Numerics;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Methods;

/// <summary>Settings of <see cref="TwinFitting.Fit{T}"/>.</summary>
public sealed record TwinFittingOptions
{
    /// <summary>Random (input, control) pairs measured; Wright et al.'s code uses 10,000.</summary>
    public int Samples { get; init; } = 10_000;

    /// <summary>Measurements averaged per pair (the paper measures each twice).</summary>
    public int Repeats { get; init; } = 2;

    /// <summary>Input range sampled uniformly.</summary>
    public (double Lo, double Hi) InputRange { get; init; } = (-1, 1);

    /// <summary>Control range sampled uniformly.</summary>
    public (double Lo, double Hi) ControlRange { get; init; } = (-1, 1);

    /// <summary>Hidden widths of the twin MLP.</summary>
    public int[] Hidden { get; init; } = [128, 128];

    /// <summary>Training epochs of the twin.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Fraction of pairs held out to report the twin's error.</summary>
    public double HoldOut { get; init; } = 0.1;

    /// <summary>Seed of sampling, initialisation and shuffling.</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>A fitted twin and how well it predicts held-out measurements.</summary>
/// <param name="Network">MLP from [input, controls] to outputs in physical units (frozen by <see cref="ControlledTwin{T}"/>).</param>
/// <param name="HeldOutNormalisedError">Mean squared error on held-out pairs divided by the outputs' variance.</param>
/// <param name="Queries">Examples measured on the system to fit it.</param>
public sealed record FittedTwin<T>(Sequential<T> Network, double HeldOutNormalisedError, long Queries) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Fits a neural digital twin from measurements as in Wright et al. (Nature 2022, their code):
/// random (input, control) pairs, each measured several times and averaged, outputs standardised,
/// an MLP trained with Adam; the held-out normalised error says how far to trust it.
/// </summary>
public static class TwinFitting
{
    /// <summary>Measures <paramref name="system"/> and fits its twin.</summary>
    public static FittedTwin<T> Fit<T>(IPhysicalSystem<T> system, TwinFittingOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = Measure(system, options);
        var (features, targets) = (m.Features, m.Outputs);
        int nIn = system.InputSize, nC = system.ControlCount, nOut = system.OutputSize;
        var rng = new Rng(options.Seed);
        var scaler = FeatureScaler.FitStandard(targets, $"{system.Name} measurements");
        var data = new Dataset<T>("twin", features, scaler.Transform(targets));
        var (train, held) = Splits.TrainTest(data, options.HoldOut, options.Seed);

        var init = rng.Split("init");
        var layers = new List<ILayer<T>>();
        int width = nIn + nC;
        foreach (int h in options.Hidden)
        {
            layers.Add(new Linear<T>(width, h, init, name: $"twin{layers.Count}"));
            layers.Add(new Tanh<T>());
            width = h;
        }
        layers.Add(new Linear<T>(width, nOut, init, name: "twin-out"));
        var net = new Sequential<T>([.. layers]);
        var trainer = new Trainer<T>(net, new MeanSquaredError<T>(), new Adam<T>(net.Parameters, 1e-3),
            new TrainerOptions { Epochs = options.Epochs, BatchSize = 64, Seed = options.Seed }, new CosineSchedule((long)options.Epochs * ((train.Count + 63) / 64)));
        trainer.Fit(train);
        // Standardised targets have unit variance, so the held-out MSE is already normalised.
        double error = trainer.Evaluate(held).Loss;
        var physical = new Sequential<T>([.. layers, new OutputScale<T>(scaler)]);
        return new FittedTwin<T>(physical, error, m.Queries);
    }

    /// <summary>
    /// Measures <see cref="TwinFittingOptions.Samples"/> random (input, control) pairs on
    /// <paramref name="system"/>, each <see cref="TwinFittingOptions.Repeats"/> times, averaged.
    /// </summary>
    public static TwinMeasurements<T> Measure<T>(IPhysicalSystem<T> system, TwinFittingOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Samples < 10 || options.Repeats < 1 || options.HoldOut is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Need samples ≥ 10 (got {options.Samples}), repeats ≥ 1 (got {options.Repeats}), hold-out in (0, 1) (got {options.HoldOut}).");
        }
        long before = system.QueryCount;
        var rng = new Rng(options.Seed);
        int nIn = system.InputSize, nC = system.ControlCount, nOut = system.OutputSize;
        var features = new Tensor<T>(options.Samples, nIn + nC);
        var targets = new Tensor<T>(options.Samples, nOut);
        var controls = new T[nC];
        var x = new Tensor<T>(1, nIn);
        for (int s = 0; s < options.Samples; s++)
        {
            rng.FillUniform(x.Span, options.InputRange.Lo, options.InputRange.Hi);
            rng.FillUniform<T>(controls, options.ControlRange.Lo, options.ControlRange.Hi);
            x.Span.CopyTo(features.Row(s));
            controls.CopyTo(features.Row(s)[nIn..]);
            var row = targets.Row(s);
            for (int r = 0; r < options.Repeats; r++)
            {
                var y = system.Measure(x, controls);
                for (int j = 0; j < nOut; j++)
                {
                    row[j] += y[0, j] / T.CreateChecked(options.Repeats);
                }
            }
        }
        return new TwinMeasurements<T>(features, targets, nIn, system.QueryCount - before);
    }

    /// <summary>
    /// How well <paramref name="twin"/> predicts measurements <paramref name="rows"/> of
    /// <paramref name="m"/>: the mean over output columns of the squared error divided by that
    /// column's variance over those rows (0: perfect; 1: no better than predicting the mean).
    /// The twin's parameters are set to each pair's controls, one to one, as the system's are.
    /// </summary>
    public static double NormalisedError<T>(ILayer<T> twin, TwinMeasurements<T> m, IReadOnlyList<int> rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(twin);
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(rows);
        int nC = m.Features.RowLength - m.InputSize, nOut = m.Outputs.RowLength;
        if (twin.Parameters.Sum(p => p.Value.Length) != nC)
        {
            throw new ArgumentException($"Twin '{twin.Name}' has {twin.Parameters.Sum(p => p.Value.Length)} parameters, the measurements have {nC} controls.", nameof(twin));
        }
        if (rows.Count < 2)
        {
            throw new ArgumentException($"Need at least 2 measured pairs to normalise the error, got {rows.Count}.", nameof(rows));
        }
        var sq = new double[nOut];
        var mean = new double[nOut];
        var m2 = new double[nOut];
        var ctx = ForwardContext.Eval();
        var x = new Tensor<T>(1, m.InputSize);
        for (int k = 0; k < rows.Count; k++)
        {
            var row = m.Features.Row(rows[k]);
            row[..m.InputSize].CopyTo(x.Span);
            int offset = m.InputSize;
            foreach (var p in twin.Parameters)
            {
                row.Slice(offset, p.Value.Length).CopyTo(p.Value.Span);
                offset += p.Value.Length;
            }
            var y = twin.Forward(x, ctx);
            for (int j = 0; j < nOut; j++)
            {
                double measured = double.CreateChecked(m.Outputs[rows[k], j]);
                double e = double.CreateChecked(y[0, j]) - measured;
                sq[j] += e * e;
                double d = measured - mean[j];
                mean[j] += d / (k + 1);
                m2[j] += d * (measured - mean[j]);
            }
        }
        double sum = 0;
        for (int j = 0; j < nOut; j++)
        {
            sum += m2[j] > 0 ? sq[j] / m2[j] : 0;
        }
        return sum / nOut;
    }

    /// <summary>The fit and held-out rows of <paramref name="m"/> for <paramref name="options"/> (a seeded split).</summary>
    public static (int[] Fit, int[] HeldOut) Split<T>(TwinMeasurements<T> m, TwinFittingOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(options);
        int n = m.Features.Rows;
        int held = Math.Clamp((int)Math.Round(options.HoldOut * n), 1, n - 1);
        var order = new Rng(options.Seed).Split("hold-out").Permutation(n);
        return (order[held..], order[..held]);
    }
}

/// <summary>Random (input, control) pairs measured on a system, averaged over repeats.</summary>
/// <param name="Features">[pairs, inputs + controls]: each pair's input then its controls.</param>
/// <param name="Outputs">[pairs, outputs]: the averaged measurements.</param>
/// <param name="InputSize">Inputs per pair (the rest of a feature row are controls).</param>
/// <param name="Queries">Examples measured (pairs × repeats).</param>
public sealed record TwinMeasurements<T>(Tensor<T> Features, Tensor<T> Outputs, int InputSize, long Queries) where T : unmanaged, IFloatingPointIeee754<T>;
