using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Networks;

/// <summary>
/// A feed-forward photonic network in the style of Hughes et al. (2018) and Pai et al. (2023):
/// per layer, modulators encode values as field amplitudes, an MZI mesh mixes them, and
/// photodetectors take |E|² (the nonlinearity); the detected signals drive the next layer's
/// modulators. The last layer's detector outputs, times <c>outputGain</c>, are the class scores.
/// </summary>
public static class MeshClassifier
{
    /// <summary>
    /// V_π of the MZMs that re-modulate each layer's detected signals, in units of detected power: 1, the
    /// per-mode launch power (1 mW), i.e. the TIA's gain is set so that a detector seeing one mode's worth of
    /// light drives its modulator to full transmission (assumption: a design rule, not a fitted value).
    /// </summary>
    public const double DefaultInterLayerVPi = 1.0;

    /// <summary>
    /// Builds the network over the given meshes (all with the same number of modes N ≥ features).
    /// With <paramref name="inSitu"/> each mesh is wrapped in an <see cref="InSituMesh{T}"/> so that
    /// training uses gradients measured with light. <paramref name="detectorNoise"/> (e.g. a fabricated
    /// instance's <see cref="MeshVariation.DetectorNoise"/>) makes every detector noisy. The input modulators
    /// take the digital values as field amplitudes (their drive pre-distorted by the DAC's lookup table); with
    /// <paramref name="inputDacBits"/> &gt; 0 each is clipped to the unit carrier's ±1 and rounded to that DAC's levels
    /// (<see cref="AmplitudeModulator{T}.DacBits"/>; 0: ideal). The modulators between layers are real
    /// push-pull MZMs of V_π = <paramref name="interLayerVPi"/> (<see cref="AmplitudeModulator{T}.DriveVPi"/>;
    /// null: ideal linear re-modulation, whose gain between layers is unbounded).
    /// </summary>
    public static Sequential<T> Build<T>(IReadOnlyList<MziMesh<T>> meshes, int features, double outputGain = 1.0, bool inSitu = false, InSituOptions? options = null, double biasAmplitude = 1.0, PhotodetectorNoise? detectorNoise = null, double? interLayerVPi = DefaultInterLayerVPi, int inputDacBits = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(meshes);
        if (meshes.Count == 0)
        {
            throw new ArgumentException("Need at least one mesh.", nameof(meshes));
        }
        int n = meshes[0].Modes;
        var layers = new List<ILayer<T>>();
        for (int l = 0; l < meshes.Count; l++)
        {
            if (meshes[l].Modes != n)
            {
                throw new ArgumentException($"Mesh {l} ('{meshes[l].Name}') has {meshes[l].Modes} modes; mesh 0 has {n}. All layers must match.", nameof(meshes));
            }
            layers.Add(Modulator<T>(l, features, n, biasAmplitude, interLayerVPi, inputDacBits));
            layers.Add(inSitu ? new InSituMesh<T>(meshes[l], options) : meshes[l]);
            layers.Add(new Photodetector<T>(n, l == meshes.Count - 1 ? outputGain : 1.0, detectorNoise, $"detector{l}"));
        }
        return new Sequential<T>([.. layers]);
    }

    /// <summary>
    /// The modulators in front of layer <paramref name="layer"/>: for the digital inputs, amplitude-coded DACs of
    /// <paramref name="inputDacBits"/> bits (0: ideal); between layers, MZMs of V_π = <paramref name="interLayerVPi"/>.
    /// </summary>
    public static AmplitudeModulator<T> Modulator<T>(int layer, int features, int modes, double biasAmplitude = 1.0, double? interLayerVPi = DefaultInterLayerVPi, int inputDacBits = 0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        layer == 0
            ? new AmplitudeModulator<T>(features, modes, biasAmplitude, Domain.Digital, "modulator0") { DacBits = inputDacBits }
            : new AmplitudeModulator<T>(modes, modes, biasAmplitude, Domain.Electrical, $"modulator{layer}") { DriveVPi = interLayerVPi };
}
