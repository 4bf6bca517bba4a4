using PnnKit.Bench.Repro;
using PnnKit.Cli.Config;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Photonics.Networks;

namespace PnnKit.Cli.Runs;

/// <summary>
/// model.type: mesh. The networks of the photonic repros, built by their own builders: photodetector
/// layers over 4-port Clements meshes on constant-power-encoded points (<see cref="InSituPhotonic"/>),
/// or 64-port meshes with electro-optic activations on low-frequency Fourier features of digits
/// (<see cref="MeshMnist"/>). Trained in silico: the meshes' phases are ordinary parameters whose
/// gradients come from the analytic adjoint, so checkpoints hold every phase and resume is exact.
/// </summary>
internal static class PhotonicMesh
{
    // MNIST-like digits are 28×28; fourier-64 keeps the (2r)² = 64 lowest frequencies, r = 4.
    private const int ImageSide = 28, FourierRadius = 4;

    /// <summary>The digital pre-processing the encoding names, applied to every split after they are drawn.</summary>
    public static (Dataset<float> Train, Dataset<float>? Validation, Dataset<float> Test) Encode(ExperimentConfig c, Dataset<float> train, Dataset<float>? validation, Dataset<float> test)
    {
        if (c.Encoding == "fourier-64")
        {
            return (Fourier(train), validation is null ? null : Fourier(validation), Fourier(test));
        }
        // Points to [−1, 1]², the modulators' drive range (as the repro), with the training part's range only.
        var scaler = FeatureScaler.FitMinMax(train.Features, -1, 1, $"{c.Data} training features");
        Dataset<float> Points(Dataset<float> d) => InSituPhotonic.EncodeConstantPower(scaler.Transform(d));
        return (Points(train), validation is null ? null : Points(validation), Points(test));
    }

    /// <summary>The network for <paramref name="inputs"/> encoded features and <paramref name="outputs"/> classes.</summary>
    public static Sequential<float> Model(ExperimentConfig c, int inputs, int outputs)
    {
        if (outputs > c.Modes)
        {
            throw new ConfigException($"model.modes: {c.Data} has {outputs} classes but the mesh only {c.Modes} output ports; use modes ≥ {outputs}.");
        }
        if (c.Encoding == "fourier-64")
        {
            var network = MeshMnist.Build<float>(c.Modes, new MeshMnistOptions { Meshes = c.MeshLayers, Classes = outputs, OutputGain = c.OutputGain, Seed = (ulong)c.Seed });
            return new Sequential<float>([new FieldLaunch(c.Modes), .. network.Layers]);
        }
        var meshes = InSituPhotonic.Meshes<float>(new Rng((ulong)c.Seed).Split("photonic"), c.MeshLayers, c.Modes);
        return MeshClassifier.Build<float>([.. meshes], inputs, c.OutputGain, inputDacBits: new InSituPhotonicOptions().InputDacBits);
    }

    private static Dataset<float> Fourier(Dataset<float> d) =>
        new(d.Name, ImageFeatures.LowFrequencyFourier(d.Features, ImageSide, ImageSide, FourierRadius).Storage, d.Labels!, d.ClassCount);
}
