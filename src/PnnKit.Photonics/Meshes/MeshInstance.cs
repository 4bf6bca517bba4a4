using System.Numerics;
using PnnKit.Core.Physical;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// One fabricated mesh (DESIGN.md §4): a copy of the design's phases with static errors sampled once.
/// <see cref="At"/> models ambient temperature: a balanced MZI cancels the common-mode thermo-optic
/// shift, so only the arms' path imbalance drifts (<see cref="AmbientPhaseDrift"/>), relative to room
/// temperature, where the chip was programmed. Ageing of heaters is not modelled.
/// </summary>
public sealed class MeshInstance<T> : IInstance<MziMesh<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal MeshInstance(MziMesh<T> mesh, MeshVariation variation, ulong seed)
    {
        Mesh = mesh;
        Variation = variation;
        Seed = seed;
    }

    /// <summary>The fabricated mesh; train it in situ or evaluate it.</summary>
    public MziMesh<T> Mesh { get; }

    /// <summary>The variation it was drawn from.</summary>
    public MeshVariation Variation { get; }

    /// <summary>The fabrication seed.</summary>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public MziMesh<T> At(double ageSeconds, double temperatureKelvin = Core.Layers.ForwardContext.RoomTemperatureKelvin)
    {
        if (!double.IsFinite(temperatureKelvin) || temperatureKelvin <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(temperatureKelvin), $"Temperature must be finite and > 0 K; got {temperatureKelvin}.");
        }
        var errors = Mesh.Errors.AtTemperatureChange(temperatureKelvin - Core.Layers.ForwardContext.RoomTemperatureKelvin);
        return ReferenceEquals(errors, Mesh.Errors) ? Mesh : Mesh.CopyWithErrors(errors);
    }
}
