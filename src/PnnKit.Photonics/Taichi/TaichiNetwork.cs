using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Networks;

namespace PnnKit.Photonics.Taichi;

/// <summary>
/// Size of a Taichi network, counted the way the paper's scale claims count (Xu et al., Science 384, 202 (2024):
/// "13.96M neurons"): neurons are the diffractive pixels of every mask plus the MZIs of every interference stage;
/// a plane-to-plane free-space propagation is a dense n²×n² connection (each pixel reaches every pixel of the
/// next plane), an aperture sums its r² pixels, and an M-mode mesh is an M×M matrix; 2 operations per (complex)
/// multiply-accumulate, the optical-computing convention (the element-wise masks are not counted).
/// </summary>
/// <param name="Blocks">Diffractive blocks.</param>
/// <param name="Neurons">Diffractive pixels plus MZIs.</param>
/// <param name="Parameters">Trainable phases: mask pixels, and θ, φ of every MZI plus the output phases.</param>
/// <param name="MacsPerInference">Multiply-accumulates of one inference.</param>
/// <param name="InterferenceUnits">Interference units per chiplet: one while the blocks feed ≤ 64 modes (the sizes trained here), else ⌈B·k / 64⌉ units of 64 modes in parallel.</param>
/// <param name="UnitModes">Modes of each interference unit.</param>
public sealed record TaichiCounts(int Blocks, long Neurons, long Parameters, double MacsPerInference, int InterferenceUnits, int UnitModes)
{
    /// <summary>Operations per inference, 2 per MAC.</summary>
    public double OperationsPerInference => 2 * MacsPerInference;
}

/// <summary>
/// Energy of one inference of a Taichi network, from <see cref="PhotonicCostModel"/>: the light (what an optical
/// core figure counts) and the whole system (laser wall-plug, modulators and DACs, photodetectors with TIAs and
/// ADCs, the heaters that hold every MZI phase over one inference slot 1/symbol rate).
/// </summary>
/// <param name="OpticalJoules">Optical energy of the light launched per inference (input pixels and every re-modulated chiplet), J.</param>
/// <param name="LaserJoules">Laser electrical energy (optical ÷ wall-plug efficiency), J.</param>
/// <param name="ModulatorJoules">Input and inter-chiplet modulators with their DACs, J.</param>
/// <param name="DetectorJoules">Photodetectors, TIAs and ADCs, J.</param>
/// <param name="HeaterJoules">Heater static power × 1/symbol rate, J.</param>
/// <param name="LatencySeconds">Critical path: the blocks' free-space delay, every chiplet's MZI columns, one symbol per conversion stage.</param>
public sealed record TaichiEnergy(double OpticalJoules, double LaserJoules, double ModulatorJoules, double DetectorJoules, double HeaterJoules, double LatencySeconds)
{
    /// <summary>Whole-system energy per inference, J.</summary>
    public double SystemJoules => LaserJoules + ModulatorJoules + DetectorJoules + HeaterJoules;
}

/// <summary>
/// Builds and counts a Taichi-style network (Xu et al., Science 384, 202 (2024): distributed diffractive encoders
/// on sub-inputs, interference (MZI) stages that embed and combine their outputs, chiplets in cascade):
/// <see cref="DiffractiveBlockArray{T}"/> → [modulators →] Clements mesh → photodetectors, per chiplet; the last
/// chiplet keeps one output port per class, its detected powers × the output gain are the class scores.
/// </summary>
public static class TaichiNetwork
{
    /// <summary>Largest interference unit, modes: 64 (assumption: the 64-port meshes trained elsewhere here, cf. mesh-mnist; the paper distributes its computation over many independent clusters rather than one large mesh).</summary>
    public const int MaxUnitModes = 64;

    /// <summary>
    /// V_π of the modulators that re-encode one chiplet's detected powers for the next, in units of detected
    /// power (<see cref="MeshClassifier.DefaultInterLayerVPi"/>: one mode's launch power drives full transmission).
    /// </summary>
    public const double InterChipletVPi = MeshClassifier.DefaultInterLayerVPi;

    /// <summary>
    /// The network for <paramref name="geometry"/>; phases from <paramref name="rng"/> (masks flat when <paramref name="flatMasks"/>).
    /// <paramref name="interChipletGain"/> is the TIA gain of the detectors between chiplets, in units of the next modulators' V_π per unit power.
    /// </summary>
    public static Sequential<T> Build<T>(TaichiGeometry geometry, Rng rng, double outputGain, bool flatMasks = true, PhotodetectorNoise? detectorNoise = null, double interChipletGain = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(rng);
        Validate(geometry);
        if (!(outputGain > 0) || !double.IsFinite(outputGain))
        {
            throw new ArgumentOutOfRangeException(nameof(outputGain), $"The output gain must be finite and > 0; got {outputGain}.");
        }
        if (!(interChipletGain > 0) || !double.IsFinite(interChipletGain))
        {
            throw new ArgumentOutOfRangeException(nameof(interChipletGain), $"The inter-chiplet gain must be finite and > 0; got {interChipletGain}.");
        }
        int m = geometry.Modes;
        var layers = new List<ILayer<T>> { new DiffractiveBlockArray<T>(geometry, flatMasks ? null : rng.Split("masks")) };
        for (int c = 0; c < geometry.Chiplets; c++)
        {
            bool last = c == geometry.Chiplets - 1;
            if (c > 0)
            {
                layers.Add(new AmplitudeModulator<T>(m, m, 0, Domain.Electrical, $"chiplet{c}.modulators") { DriveVPi = InterChipletVPi });
            }
            // The first chiplet's light arrives from the blocks, whose laser is charged there.
            var costs = c == 0 ? PhotonicCostModel.Default with { OpticalPowerPerModeWatts = 0 } : PhotonicCostModel.Default;
            int units = last ? geometry.OutputUnits : 1;
            if (units == 1)
            {
                layers.Add(new ClementsMesh<T>(m, rng.Split((ulong)c), name: $"chiplet{c}.mesh") { CostModel = costs });
            }
            else
            {
                // One set of modes, split to every unit: only the first unit's light is charged (the laser drives M modes).
                var unitRng = rng.Split((ulong)c);
                var bank = Enumerable.Range(0, units).Select(u => (MziMesh<T>)new ClementsMesh<T>(m, unitRng.Split((ulong)u), name: $"chiplet{c}.mesh{u}")
                { CostModel = u == 0 ? costs : costs with { OpticalPowerPerModeWatts = 0 } }).ToList();
                layers.Add(new MeshBank<T>(bank, $"chiplet{c}.meshes"));
            }
            if (last)
            {
                layers.Add(new OutputPorts<T>(units * m, geometry.Classes, $"chiplet{c}.class-ports"));
            }
            layers.Add(new Photodetector<T>(last ? geometry.Classes : m, last ? outputGain : interChipletGain, detectorNoise, $"chiplet{c}.detectors"));
        }
        return new Sequential<T>([.. layers]);
    }

    /// <summary>
    /// The inter-chiplet TIA gain that puts the mean first-chiplet reading of <paramref name="model"/> (built with gain 1) on
    /// <paramref name="images"/> at half the next modulators' V_π (a design rule: mid-range drive, set on training images).
    /// </summary>
    public static double CalibrateInterChipletGain<T>(Sequential<T> model, Core.Tensors.Tensor<T> images) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        var ctx = ForwardContext.Eval();
        var x = images;
        foreach (var layer in model.Layers)
        {
            x = layer.Forward(x, ctx);
            if (layer is Photodetector<T>)
            {
                double mean = x.Data.Average(v => double.CreateChecked(v));
                return mean > 0 ? 0.5 * InterChipletVPi / mean : 1.0;
            }
        }
        return 1.0;
    }

    /// <summary>Throws when the geometry cannot be built with interference units of at most <see cref="MaxUnitModes"/> modes (more classes than modes take a bank of them).</summary>
    public static void Validate(TaichiGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        geometry.Validate();
        if (geometry.Modes > MaxUnitModes)
        {
            throw new ArgumentException($"Taichi geometry: {geometry.Modes} modes is beyond one interference unit (≤ {MaxUnitModes}); use Count/Estimate for the scaling argument.", nameof(geometry));
        }
    }

    /// <summary>The counts of <paramref name="geometry"/> (no network is built, so any size is allowed).</summary>
    public static TaichiCounts Count(TaichiGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        geometry.Validate();
        var (units, unitModes) = Units(geometry);
        long n2 = (long)geometry.GridSide * geometry.GridSide;
        long pixels = (long)geometry.Blocks * geometry.MaskLayers * n2;
        // The last chiplet's extra units of a class bank (OutputUnits − 1 more meshes on the same modes).
        long meshes = ((long)geometry.Chiplets * units) + BankUnits(geometry) - 1;
        long mzis = meshes * unitModes * (unitModes - 1) / 2;
        long phases = meshes * unitModes * unitModes;
        double macs = ((double)geometry.Blocks * (geometry.MaskLayers + 1) * n2 * n2)
            + ((double)geometry.Blocks * geometry.Apertures * geometry.ApertureSize * geometry.ApertureSize)
            + ((double)meshes * unitModes * unitModes);
        return new TaichiCounts(geometry.Blocks, pixels + mzis, pixels + phases, macs, units, unitModes);
    }

    /// <summary>
    /// Energy and latency of one inference, per <paramref name="costs"/> (default <see cref="PhotonicCostModel.Default"/>),
    /// the same terms the layers charge to a ledger; <paramref name="heaterWatts"/>: the heaters' static power (null: the
    /// mean over uniformly random phases, P_π per phase).
    /// </summary>
    public static TaichiEnergy Estimate(TaichiGeometry geometry, PhotonicCostModel? costs = null, double? heaterWatts = null)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var c = costs ?? PhotonicCostModel.Default;
        var counts = Count(geometry);
        int modes = counts.InterferenceUnits * counts.UnitModes;
        double pixels = (double)geometry.Blocks * geometry.TileSide * geometry.TileSide;
        double relaunched = (double)(geometry.Chiplets - 1) * modes;
        double optical = (pixels + relaunched) * c.OpticalPowerPerModeWatts / c.SymbolRateHz;
        double laser = (pixels + relaunched) * c.LaserJoulesPerSymbol;
        double modulators = (pixels + relaunched) * (c.DacJoulesPerConversion + c.ModulatorJoulesPerSymbol);
        double detected = relaunched + geometry.Classes;
        double detectors = detected * (c.ReceiverJoulesPerSymbol + c.AdcJoulesPerConversion);
        double heaters = (heaterWatts ?? ((double)((geometry.Chiplets * counts.InterferenceUnits) + BankUnits(geometry) - 1) * counts.UnitModes * counts.UnitModes * c.PiPowerWatts)) / c.SymbolRateHz;
        double blockDelay = (geometry.MaskLayers + 1) * geometry.PlaneSpacing / 299_792_458.0;
        double symbol = 1 / c.SymbolRateHz;
        // Conversion stages: the input DACs, and per chiplet its detectors (and, after the first, its DACs).
        double latency = blockDelay + symbol + (geometry.Chiplets * ((counts.UnitModes * c.SecondsPerColumn) + symbol)) + ((geometry.Chiplets - 1) * symbol);
        return new TaichiEnergy(optical, laser, modulators, detectors, heaters, latency);
    }

    /// <summary>Every mesh of <paramref name="model"/>, those of a class bank included, in order.</summary>
    public static IEnumerable<MziMesh<T>> Meshes<T>(Sequential<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Layers.SelectMany(l => l switch
        {
            MziMesh<T> mesh => [mesh],
            MeshBank<T> bank => bank.Units,
            _ => Enumerable.Empty<MziMesh<T>>(),
        });
    }

    // Meshes of the last chiplet when it is built (one unit per chiplet); the analytic sweep's partitioned units do not bank.
    private static int BankUnits(TaichiGeometry g) => g.Modes <= MaxUnitModes ? g.OutputUnits : 1;

    private static (int Units, int Modes) Units(TaichiGeometry g)
    {
        int features = g.Modes;
        return features <= MaxUnitModes ? (1, features) : ((features + MaxUnitModes - 1) / MaxUnitModes, MaxUnitModes);
    }
}
