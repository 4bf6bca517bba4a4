using System.Numerics;
using PnnKit.Core.Physical;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// One fabricated mesh (DESIGN.md §4): a copy of the design's phases with static errors sampled once.
/// No drift model yet: <see cref="At"/> returns the same mesh at every age and temperature (a balanced
/// MZI cancels the common-mode thermo-optic shift; ageing of heaters is not modelled).
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
    public MziMesh<T> At(double ageSeconds, double temperatureKelvin = Core.Layers.ForwardContext.RoomTemperatureKelvin) => Mesh;
}
