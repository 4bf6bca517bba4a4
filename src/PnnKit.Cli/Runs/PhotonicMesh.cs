using PnnKit.Bench.Reproductions;
using PnnKit.Cli.Config;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Devices;
using PnnKit.Methods;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Networks;
using PnnKit.Photonics.Reproductions;

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

    /// <summary>
    /// The network of <see cref="Model"/> with mesh l on device <paramref name="mesh"/>(l), trained as training.method says:
    /// physics-aware (the device measures, the mesh and its detectors backpropagate: the device must read powers, a
    /// photonic-mesh), in-situ (the device measures its own gradients: a photonic-mesh-insitu) or SPSA (the device
    /// measures, perturbed twice per step; any mesh that reads powers). The phases start where <see cref="Model"/>'s do.
    /// </summary>
    public static Sequential<float> DeviceModel(ExperimentConfig c, int inputs, int outputs, Func<int, IGradientSystem<float>> mesh)
    {
        if (outputs > c.Modes)
        {
            throw new ConfigException($"model.modes: {c.Data} has {outputs} classes but the mesh only {c.Modes} output ports; use modes ≥ {outputs}.");
        }
        var meshes = InSituPhotonic.Meshes<float>(new Rng((ulong)c.Seed).Split("photonic"), c.MeshLayers, c.Modes);
        var layers = new List<ILayer<float>>();
        for (int l = 0; l < meshes.Count; l++)
        {
            var device = mesh(l);
            bool insitu = c.Method == "in-situ";
            layers.Add(MeshClassifier.Modulator<float>(l, inputs, c.Modes, inputDacBits: new InSituPhotonicOptions().InputDacBits));
            if (insitu)
            {
                layers.Add(new InSituLayer<float>(device, meshes[l].Parameters, Domain.Optical, [2, c.Modes], $"{meshes[l].Name}.device"));
                layers.Add(new Photodetector<float>(c.Modes, l == meshes.Count - 1 ? c.OutputGain : 1.0, name: $"detector{l}"));
            }
            else
            {
                layers.Add(new PhysicsAwareLayer<float>(device, new Sequential<float>(meshes[l], new Photodetector<float>(c.Modes, 1.0, name: $"twin-detector{l}"))));
            }
        }
        if (c.Method != "in-situ")
        {
            layers.Add(new ReadoutGain<float>(c.OutputGain));
        }
        var network = new Sequential<float>([.. layers]);
        return c.Method == "spsa" ? new Sequential<float>(new SimultaneousPerturbation<float>(network, c.SpsaPerturbation)) : network;
    }

    /// <summary>Throws naming what <paramref name="device"/> lacks for training.method on the config's mesh.</summary>
    public static void CheckDevice(ExperimentConfig c, RemoteDevice<float> device)
    {
        bool insitu = c.Method == "in-situ";
        int readouts = insitu ? 2 * c.Modes : c.Modes, controls = (2 * (c.Modes * (c.Modes - 1) / 2)) + c.Modes;
        if (device.InputSize != 2 * c.Modes || device.OutputSize != readouts || device.ControlCount != controls || (insitu && device.Info.GradientMethod.Length == 0))
        {
            throw new ConfigException($"{device.Info.Name} ({device.Info.Kind}) takes {device.InputSize} inputs, {device.ControlCount} controls and gives {device.OutputSize} readouts; " +
                $"training.method: {c.Method} on a {c.Modes}-mode mesh needs {2 * c.Modes}, {controls} and {readouts} ({(insitu ? "fields and a gradient method: serve kind photonic-mesh-insitu" : "powers: serve kind photonic-mesh")}).");
        }
    }

    private static Dataset<float> Fourier(Dataset<float> d) =>
        new(d.Name, ImageFeatures.LowFrequencyFourier(d.Features, ImageSide, ImageSide, FourierRadius).Storage, d.Labels!, d.ClassCount);
}
