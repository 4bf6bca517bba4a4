using System.Numerics;
using PnnKit.Core.Random;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// The rectangular mesh of Clements et al., Optica 3, 1460 (2016): N columns of MZIs, column c on
/// mode pairs (m, m+1) with m ≡ c (mod 2), N(N−1)/2 cells, optical depth N, plus an output phase
/// screen; with it the mesh can realize any N×N unitary (see <see cref="UnitaryDecomposition"/>).
/// </summary>
public sealed class ClementsMesh<T> : MziMesh<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A Clements mesh on <paramref name="modes"/> modes; random phases from <paramref name="rng"/>, or zeros.</summary>
    public ClementsMesh(int modes, Rng? rng = null, MeshErrors? errors = null, string name = "clements")
        : base(name, modes, Layout(modes), rng, errors) { }

    /// <summary>The (column, top mode) positions of the Clements layout.</summary>
    public static IReadOnlyList<(int Column, int Mode)> Layout(int modes)
    {
        var list = new List<(int, int)>();
        for (int c = 0; c < modes; c++)
        {
            for (int m = c % 2; m + 1 < modes; m += 2)
            {
                list.Add((c, m));
            }
        }
        return list;
    }

    /// <inheritdoc/>
    protected override MziMesh<T> CreateCopy(MeshErrors errors) => new ClementsMesh<T>(Modes, null, errors, Name) { CostModel = CostModel };

    /// <summary>A copy with the same phases and the given errors (a fabricated instance of this design).</summary>
    public ClementsMesh<T> WithErrors(MeshErrors errors)
    {
        var copy = new ClementsMesh<T>(Modes, null, errors, Name) { CostModel = CostModel };
        CopyPhasesTo(copy);
        return copy;
    }
}
