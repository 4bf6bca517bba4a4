using System.Numerics;
using PnnKit.Core.Random;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// The triangular mesh of Reck et al., PRL 73, 58 (1994): diagonals k = 0 … N−2 of N−1−k MZIs,
/// cell (k, m) at column 2k + m on modes (m, m+1); N(N−1)/2 cells, optical depth 2N−3, plus an
/// output phase screen. Universal like <see cref="ClementsMesh{T}"/> but deeper (more loss on the
/// longest path).
/// </summary>
public sealed class ReckMesh<T> : MziMesh<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A Reck mesh on <paramref name="modes"/> modes; random phases from <paramref name="rng"/>, or zeros.</summary>
    public ReckMesh(int modes, Rng? rng = null, MeshErrors? errors = null, string name = "reck")
        : base(name, modes, Layout(modes), rng, errors) { }

    /// <summary>The (column, top mode) positions of the Reck layout.</summary>
    public static IReadOnlyList<(int Column, int Mode)> Layout(int modes)
    {
        var list = new List<(int, int)>();
        for (int k = 0; k + 1 < modes; k++)
        {
            for (int m = 0; m + 1 < modes - k; m++)
            {
                list.Add(((2 * k) + m, m));
            }
        }
        return list;
    }

    /// <inheritdoc/>
    protected override MziMesh<T> CreateCopy(MeshErrors errors) => new ReckMesh<T>(Modes, null, errors, Name) { CostModel = CostModel };

    /// <summary>A copy with the same phases and the given errors (a fabricated instance of this design).</summary>
    public ReckMesh<T> WithErrors(MeshErrors errors)
    {
        var copy = new ReckMesh<T>(Modes, null, errors, Name) { CostModel = CostModel };
        CopyPhasesTo(copy);
        return copy;
    }
}
