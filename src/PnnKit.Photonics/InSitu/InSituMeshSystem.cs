using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.InSitu;

/// <summary>
/// A (fabricated) mesh as a black box that measures its own gradient (what `pnn serve` puts behind MeasureGradient):
/// inputs are the fields on its N input waveguides ([batch, 2N]: N real parts, then N imaginary parts, as
/// <see cref="MeshSystem{T}"/>), controls its phases (θ, φ of every MZI, then the output screen), and the readout the
/// output field, read coherently ([batch, 2N]). The gradient is <see cref="InSituMesh{T}"/>'s protocol with its readings
/// (<see cref="InSituOptions"/>): forward, adjoint, time-reversed and interference passes read at the taps. Each gradient
/// measurement sends its own forward pass, so it costs one pass per example more than an in-process Backward that reuses
/// the inference's.
/// </summary>
public sealed class InSituMeshSystem<T> : IGradientSystem<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly InSituMesh<T> _insitu;
    private readonly Rng _rng;
    private ulong _calls;

    /// <summary>Wraps <paramref name="mesh"/>; readings as <paramref name="options"/> says; noise drawn from <paramref name="seed"/>.</summary>
    public InSituMeshSystem(MziMesh<T> mesh, InSituOptions? options = null, ulong seed = 1)
    {
        _insitu = new InSituMesh<T>(mesh, options);
        _rng = new Rng(seed);
    }

    /// <summary>The mesh measured.</summary>
    public MziMesh<T> Mesh => _insitu.Mesh;

    /// <summary>How the gradient readings are made.</summary>
    public InSituOptions Options => _insitu.Options;

    /// <summary>Detector readings the gradient measurements took so far.</summary>
    public long MeasurementCount => _insitu.MeasurementCount;

    /// <summary>Optical passes one example's gradient measurement sends: its forward pass and the protocol's others.</summary>
    public int PassesPerGradient => Options.AdjointIntensityFromTimeReversedPass ? 4 : 3;

    /// <summary>Readings one example's gradient measurement takes.</summary>
    public long ReadingsPerGradient => _insitu.MeasurementsPerSample;

    /// <inheritdoc/>
    public string Name => Mesh.Name;

    /// <inheritdoc/>
    public int InputSize => 2 * Mesh.Modes;

    /// <inheritdoc/>
    public int OutputSize => 2 * Mesh.Modes;

    /// <inheritdoc/>
    public int ControlCount => (2 * Mesh.MziCount) + Mesh.Modes;

    /// <inheritdoc/>
    public long QueryCount { get; private set; }

    /// <inheritdoc/>
    public Tensor<T> Measure(Tensor<T> inputs, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        MeshSystem<T>.SetControls(Mesh, inputs, controls);
        var y = _insitu.Forward(inputs.Reshape(inputs.Rows, 2, Mesh.Modes), new ForwardContext(Mode.Eval, _rng.Split(_calls++)) { Ledger = ledger });
        QueryCount += inputs.Rows;
        return y.Reshape(inputs.Rows, OutputSize);
    }

    /// <inheritdoc/>
    public (T[] ControlGradient, Tensor<T> InputGradient) MeasureGradient(Tensor<T> inputs, Tensor<T> sources, ReadOnlySpan<T> controls, CostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        MeshSystem<T>.SetControls(Mesh, inputs, controls);
        if (sources.Rows != inputs.Rows || sources.RowLength != OutputSize)
        {
            throw new ArgumentException($"{Name}: adjoint sources must be [{inputs.Rows}, {OutputSize}], got [{sources.Rows}, {sources.RowLength}].", nameof(sources));
        }
        foreach (var p in Mesh.Parameters)
        {
            p.ZeroGrad();
        }
        int n = Mesh.Modes;
        _insitu.Forward(inputs.Reshape(inputs.Rows, 2, n), new ForwardContext(Mode.Train, _rng.Split(_calls++)) { Ledger = ledger });
        var dx = _insitu.Backward(sources.Reshape(sources.Rows, 2, n));
        QueryCount += inputs.Rows;
        return ([.. Mesh.Parameters.SelectMany(p => p.Grad.Data)], dx.Reshape(inputs.Rows, InputSize));
    }
}
