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

    /// <summary>Material of the printed masks (null: lossless phase-only masks); Lin et al.'s resin by default, since the printed device absorbs.</summary>
    public PrintingResin? Resin { get; init; } = PrintingResin.VeroBlackPlus;

    /// <summary>
    /// Where the scalar, thin-element model (one transmission t(x, y) per plane, angular-spectrum propagation between)
    /// is outside its accurate range, a sentence saying so; null where it holds. Scalar theory is accurate for features
    /// several wavelengths wide (Pommet, Moharam &amp; Grann, J. Opt. Soc. Am. A 11, 1827 (1994): errors grow as the
    /// feature size nears λ); a pitch below λ/2 samples spatial frequencies above 1/λ, evanescent waves that carry no
    /// power to the next plane (the propagation drops them). Lin et al.'s own 0.4 mm at 0.75 mm is 0.53 λ.
    /// </summary>
    public string? ScalarTheoryWarning()
    {
        double ratio = Pitch / Wavelength;
        if (ratio >= 1)
        {
            return null;
        }
        string what = ratio < 0.5
            ? "below λ/2: the grid's finest detail is evanescent and carries no power between planes, and"
            : "below λ:";
        return $"Scalar-theory limit: pitch {Pitch * 1e3:G4} mm = {ratio:F2} λ is {what} pixels at the wavelength scale are outside the accuracy of the thin-element scalar model (Pommet et al., JOSA A 1994); a vector (FDTD/RCWA) model would be needed to trust the figures to better than that.";
    }
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
            layers.Add(new PhaseMask<T>(n, rng.Split((ulong)l), $"mask{l}") { Resin = geometry.Resin, Wavelength = geometry.Wavelength });
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

    /// <summary>
    /// One assembled instance of <paramref name="model"/> (from <see cref="Build{T}"/>) with every mask displaced along the
    /// optical axis by its own Δz ~ N(0, <paramref name="std"/>²) m, drawn from <paramref name="rng"/>; the input and detector
    /// planes stay put, so the gap between planes l and l + 1 becomes z + Δz_{l+1} − Δz_l (never below 0). The masks
    /// themselves are shared, not copied (Mengu et al., Nanophotonics 9, 4207 (2020), model 3-D misalignment so).
    /// </summary>
    public static Sequential<T> WithAxialMisalignment<T>(Sequential<T> model, double std, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rng);
        if (!(std >= 0) || !double.IsFinite(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std), $"The axial misalignment's standard deviation must be finite and ≥ 0 m; got {std}.");
        }
        int masks = model.Layers.Count(l => l is PhaseMask<T>);
        var position = new double[masks + 2];
        for (int l = 1; l <= masks; l++)
        {
            position[l] = std * rng.Normal();
        }
        int gap = 0;
        var layers = model.Layers.Select(l => l is AngularSpectrumPropagation<T> p
            ? Offset(p, position[gap + 1] - position[gap++])
            : l).ToArray();
        return new Sequential<T>(layers);
    }

    private static AngularSpectrumPropagation<T> Offset<T>(AngularSpectrumPropagation<T> p, double dz) where T : unmanaged, IFloatingPointIeee754<T>
        => dz == 0 ? p : new AngularSpectrumPropagation<T>(p.N, p.Pitch, p.Wavelength, Math.Max(0, p.Distance + dz), name: p.Name);
}
