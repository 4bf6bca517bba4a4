using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Photonics.Linear;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// An arbitrary rows×cols matrix M realized optically as M = g · U·diag(a)·V† (Miller, Photon. Res.
/// 1, 1 (2013); Shen et al., Nat. Photonics 11, 441 (2017)): a Clements mesh programmed to V†, a
/// column of attenuating MZIs with amplitudes a = σ/σ_max ≤ 1, a Clements mesh programmed to U,
/// and the stated global gain g = σ_max, which the optics cannot supply (a passive circuit never
/// amplifies) and which the receiver applies after detection. A non-square M is zero-padded to
/// N = max(rows, cols) modes: inputs enter modes 0..cols−1, outputs are read on modes 0..rows−1.
/// </summary>
public sealed class SvdMapping<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private SvdMapping(int rows, int cols, int modes, double gain, ClementsMesh<T> right, AttenuatorColumn<T> att, ClementsMesh<T> left)
    {
        Rows = rows;
        Cols = cols;
        Modes = modes;
        Gain = gain;
        RightMesh = right;
        Attenuators = att;
        LeftMesh = left;
        Model = new Sequential<T>(right, att, left);
    }

    /// <summary>Rows of the mapped matrix (outputs used).</summary>
    public int Rows { get; }

    /// <summary>Columns of the mapped matrix (inputs used).</summary>
    public int Cols { get; }

    /// <summary>Modes of each mesh, max(rows, cols).</summary>
    public int Modes { get; }

    /// <summary>Global gain g = σ_max: the optics realize M / g.</summary>
    public double Gain { get; }

    /// <summary>The mesh realizing V† (light meets it first).</summary>
    public ClementsMesh<T> RightMesh { get; }

    /// <summary>The attenuator column realizing σ / σ_max.</summary>
    public AttenuatorColumn<T> Attenuators { get; }

    /// <summary>The mesh realizing U.</summary>
    public ClementsMesh<T> LeftMesh { get; }

    /// <summary>The optical layers in order: V† mesh, attenuators, U mesh.</summary>
    public Sequential<T> Model { get; }

    /// <summary>Maps the real rows×cols row-major matrix <paramref name="matrix"/>.</summary>
    public static SvdMapping<T> FromMatrix(double[] matrix, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return FromMatrix([.. matrix.Select(v => new Complex(v, 0))], rows, cols);
    }

    /// <summary>Maps the complex rows×cols row-major matrix <paramref name="matrix"/>.</summary>
    public static SvdMapping<T> FromMatrix(Complex[] matrix, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (rows < 1 || cols < 1 || matrix.Length != rows * cols)
        {
            throw new ArgumentException($"matrix has {matrix.Length} entries; a {rows}×{cols} matrix needs {rows * cols}.", nameof(matrix));
        }
        int n = Math.Max(2, Math.Max(rows, cols));
        var padded = new Complex[n * n];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                padded[(i * n) + j] = matrix[(i * cols) + j];
            }
        }
        var svd = ComplexSvd.Decompose(padded, n);
        double gain = svd.S[0];
        var right = new ClementsMesh<T>(n, name: "svd.vh");
        UnitaryDecomposition.Clements(ComplexMatrix.Adjoint(svd.V, n, n), n).ApplyTo(right);
        var left = new ClementsMesh<T>(n, name: "svd.u");
        UnitaryDecomposition.Clements(svd.U, n).ApplyTo(left);
        var att = new AttenuatorColumn<T>(n, "svd.sigma");
        att.SetAmplitudes([.. svd.S.Select(s => gain > 0 ? Math.Min(1, s / gain) : 0)]);
        return new SvdMapping<T>(rows, cols, n, gain, right, att, left);
    }

    /// <summary>The rows×cols matrix the optics realize, times <see cref="Gain"/> (should equal the mapped matrix).</summary>
    public Complex[] RealizedMatrix() => RealizedMatrix(RightMesh, LeftMesh);

    /// <summary>
    /// The same with other meshes in place of <see cref="RightMesh"/> and <see cref="LeftMesh"/>, e.g. fabricated copies of
    /// them (<see cref="MziMesh{T}.Fabricate"/>): what a chip carrying this mapping realizes.
    /// </summary>
    public Complex[] RealizedMatrix(MziMesh<T> right, MziMesh<T> left)
    {
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(left);
        if (right.Modes != Modes || left.Modes != Modes)
        {
            throw new ArgumentException($"Both meshes must have {Modes} modes; got {right.Modes} and {left.Modes}.");
        }
        var vh = right.TransferMatrix();
        var u = left.TransferMatrix();
        int n = Modes;
        var a = new Complex[n * n];
        for (int i = 0; i < n; i++)
        {
            a[(i * n) + i] = Attenuators.Transmission(i);
        }
        var full = ComplexMatrix.Multiply(u, ComplexMatrix.Multiply(a, vh, n), n);
        var m = new Complex[Rows * Cols];
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Cols; j++)
            {
                m[(i * Cols) + j] = Gain * full[(i * n) + j];
            }
        }
        return m;
    }
}
