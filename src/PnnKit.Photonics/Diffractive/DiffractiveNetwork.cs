using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Photonics.Converters;

namespace PnnKit.Photonics.Diffractive;

/// <summary>Geometry of a diffractive network (defaults: Lin et al., Science 361, 1004 (2018)).</summary>
public sealed record DiffractiveGeometry
{
    /// <summary>Grid side n (pixels per layer side): 200 in Lin et al.</summary>
    public int N { get; init; } = 200;

    /// <summary>Phase layers: 5 in Lin et al.</summary>
    public int Layers { get; init; } = 5;

    /// <summary>Wavelength, m: 0.75 mm (0.4 THz), Lin et al.</summary>
    public double Wavelength { get; init; } = 0.75e-3;

    /// <summary>Pixel pitch, m: 0.4 mm, Lin et al.</summary>
    public double Pitch { get; init; } = 0.4e-3;

    /// <summary>Distance between planes (input → first layer, layer → layer, last layer → detectors), m: 3 cm, Lin et al.</summary>
    public double LayerDistance { get; init; } = 3e-2;

    /// <summary>Classes (detector regions).</summary>
    public int Classes { get; init; } = 10;

    /// <summary>Side of each detector region, pixels.</summary>
    public int RegionSize { get; init; } = 20;

    /// <summary>Scale of the detected powers used as class scores.</summary>
    public double DetectorGain { get; init; } = 1.0;
}

/// <summary>Builds a diffractive network: input amplitude modulator, (free space, phase mask) × layers, free space, detector regions.</summary>
public static class DiffractiveNetwork
{
    /// <summary>The network for <paramref name="geometry"/>; phases uniform in [0, 2π) from <paramref name="rng"/>.</summary>
    public static Sequential<T> Build<T>(DiffractiveGeometry geometry, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return Build(geometry, rng, new AmplitudeModulator<T>(geometry.N * geometry.N, geometry.N * geometry.N, 0, name: "input-slm"));
    }

    /// <summary>
    /// The network for <paramref name="geometry"/> fed by <paramref name="imageSide"/>² images, each pixel
    /// a <paramref name="scale"/>² block of the input plane (<see cref="ImagePlane{T}"/>).
    /// </summary>
    public static Sequential<T> BuildForImages<T>(DiffractiveGeometry geometry, int imageSide, int scale, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return Build(geometry, rng, new ImagePlane<T>(imageSide, scale, geometry.N));
    }

    private static Sequential<T> Build<T>(DiffractiveGeometry geometry, Rng rng, ILayer<T> input) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rng);
        int n = geometry.N;
        var layers = new List<ILayer<T>> { input };
        for (int l = 0; l < geometry.Layers; l++)
        {
            layers.Add(new AngularSpectrumPropagation<T>(n, geometry.Pitch, geometry.Wavelength, geometry.LayerDistance, name: $"free-space{l}"));
            layers.Add(new PhaseMask<T>(n, rng.Split((ulong)l), $"mask{l}"));
        }
        layers.Add(new AngularSpectrumPropagation<T>(n, geometry.Pitch, geometry.Wavelength, geometry.LayerDistance, name: $"free-space{geometry.Layers}"));
        layers.Add(new DetectorRegions<T>(n, geometry.Classes, geometry.RegionSize, geometry.DetectorGain));
        return new Sequential<T>([.. layers]);
    }

    /// <summary>
    /// The same trained masks with every plane spacing scaled by <paramref name="distanceScale"/>
    /// (a layer-distance error of the assembled device); <paramref name="model"/> must come from <see cref="Build{T}"/>.
    /// </summary>
    public static Sequential<T> WithDistanceScale<T>(Sequential<T> model, double distanceScale) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var layers = model.Layers.Select(l => l is AngularSpectrumPropagation<T> p
            ? new AngularSpectrumPropagation<T>(p.N, p.Pitch, p.Wavelength, p.Distance * distanceScale, name: p.Name)
            : l).ToArray();
        return new Sequential<T>(layers);
    }
}
