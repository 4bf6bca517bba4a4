namespace PnnKit.Photonics.Meshes;

/// <summary>
/// Phase settings of a mesh, indexed like its MZIs (column-major, then by top mode): internal θ,
/// external φ, and the output phase screen. All values are wrapped to [0, 2π).
/// </summary>
/// <param name="Theta">Internal phases, one per MZI.</param>
/// <param name="Phi">External phases, one per MZI.</param>
/// <param name="OutputPhase">Output phase screen, one per mode.</param>
public sealed record MeshPhases(double[] Theta, double[] Phi, double[] OutputPhase)
{
    /// <summary>Writes these phases into <paramref name="mesh"/>; throws on a size mismatch or NaN.</summary>
    public void ApplyTo<T>(MziMesh<T> mesh) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(mesh);
        mesh.SetPhases(Theta, Phi, OutputPhase);
    }
}
