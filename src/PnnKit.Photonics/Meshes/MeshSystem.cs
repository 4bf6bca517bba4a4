using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Converters;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// A (fabricated) mesh seen as a black box (DESIGN.md §5): inputs are complex fields flattened to
/// [batch, 2N] (N real parts, then N imaginary parts), controls are all phases (θ of every MZI, φ of
/// every MZI, then the output screen), and the measurement is the output power on every waveguide,
/// [batch, N], with photodetector noise. Every call counts one query per example.
/// </summary>
public sealed class MeshSystem<T> : IPhysicalSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Photodetector<T> _detector;
    private readonly Rng _rng;
    private ulong _calls;

    /// <summary>Wraps <paramref name="mesh"/>; <paramref name="noise"/> null for noiseless detection.</summary>
    public MeshSystem(MziMesh<T> mesh, PhotodetectorNoise? noise = null, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        Mesh = mesh;
        _detector = new Photodetector<T>(mesh.Modes, 1.0, noise, mesh.Name + ".detectors");
        _rng = new Rng(seed);
    }

    /// <summary>The mesh measured.</summary>
    public MziMesh<T> Mesh { get; }

    /// <inheritdoc/>
    public string Name => Mesh.Name;

    /// <inheritdoc/>
    public int InputSize => 2 * Mesh.Modes;

    /// <inheritdoc/>
    public int OutputSize => Mesh.Modes;

    /// <inheritdoc/>
    public int ControlCount => (2 * Mesh.MziCount) + Mesh.Modes;

    /// <inheritdoc/>
    public long QueryCount { get; private set; }

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        SetControls(Mesh, inputs, controls);
        var ctx = new ForwardContext(Mode.Eval, _rng.Split(_calls++)) { Ledger = ledger };
        var field = Mesh.Forward(inputs.Reshape(inputs.Rows, 2, Mesh.Modes), ctx);
        QueryCount += inputs.Rows;
        return _detector.Forward(field, ctx);
    }

    /// <summary>
    /// Checks a black-box mesh query (inputs [batch, 2N]: N real parts, then N imaginary parts; controls θ, φ of every MZI,
    /// then the output screen) and applies the controls to <paramref name="mesh"/>; throws naming what is wrong.
    /// </summary>
    internal static void SetControls(MziMesh<T> mesh, Tensor<T> inputs, ReadOnlySpan<T> controls)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        int m = mesh.MziCount, n = mesh.Modes;
        if (inputs.RowLength != 2 * n)
        {
            throw new ArgumentException($"{mesh.Name}: inputs need {2 * n} values per example (N real parts, then N imaginary parts); got {inputs.RowLength}.", nameof(inputs));
        }
        if (controls.Length != (2 * m) + n)
        {
            throw new ArgumentException($"{mesh.Name}: expected {(2 * m) + n} controls (θ, φ of {m} MZIs, {n} output phases); got {controls.Length}.", nameof(controls));
        }
        var c = new double[controls.Length];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = double.CreateChecked(controls[i]);
        }
        mesh.SetPhases(c.AsSpan(0, m), c.AsSpan(m, m), c.AsSpan(2 * m));
    }
}
