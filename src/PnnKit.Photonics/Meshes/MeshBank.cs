using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// U meshes of M modes side by side, all fed the same M input modes through a passive 1→U splitter tree, so
/// one set of modulated modes reaches U·M output ports: how a layer wider than one interference unit is
/// built from units of a size that can be fabricated and calibrated (Taichi's many parallel clusters, Xu et
/// al., Science 384, 202 (2024)). An ideal splitter gives each copy amplitude 1/√U (power conserved; its
/// excess loss is left out, as the meshes' own insertion loss is in their errors). Field [batch, 2, M] in,
/// [batch, 2, U·M] out, unit u on ports u·M … u·M + M − 1.
/// </summary>
public sealed class MeshBank<T> : IContainerLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly MziMesh<T>[] _units;
    private readonly T _split;

    /// <summary>A bank of <paramref name="units"/> (each of the same number of modes, at least one).</summary>
    public MeshBank(IReadOnlyList<MziMesh<T>> units, string name = "mesh-bank")
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count < 1)
        {
            throw new ArgumentException("A mesh bank needs at least one mesh.", nameof(units));
        }
        int m = units[0].Modes;
        if (units.Any(u => u.Modes != m))
        {
            throw new ArgumentException($"{name}: every mesh of a bank has the same modes; got [{string.Join(", ", units.Select(u => u.Modes))}].", nameof(units));
        }
        _units = [.. units];
        Name = name;
        _split = T.One / T.Sqrt(T.CreateChecked(units.Count));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The meshes, in port order.</summary>
    public IReadOnlyList<MziMesh<T>> Units => _units;

    /// <summary>Modes of each mesh (the bank's inputs).</summary>
    public int Modes => _units[0].Modes;

    /// <summary>Output ports, U·M.</summary>
    public int Outputs => _units.Length * Modes;

    /// <summary>The same bank with <paramref name="units"/> in place of its meshes (fabricated copies, same layout).</summary>
    public MeshBank<T> WithUnits(IReadOnlyList<MziMesh<T>> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count != _units.Length)
        {
            throw new ArgumentException($"{Name}: {units.Count} meshes given for a bank of {_units.Length}.", nameof(units));
        }
        return new MeshBank<T>(units, Name);
    }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [.. _units.SelectMany(u => u.Parameters)];

    /// <inheritdoc/>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters()
        => _units.SelectMany((u, i) => u.Parameters.Select(p => ($"{i}:{u.Name}.{p.Name}", p)));

    /// <inheritdoc/>
    public IEnumerable<(string Name, Tensor<T> Buffer)> NamedBuffers() => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        int m = Modes, n = Outputs;
        ComplexTensor<T>.RequireField(x, m, Name);
        int batch = x.Dim(0);
        var copy = new Tensor<T>(batch, 2, m);
        for (int i = 0; i < x.Length; i++)
        {
            copy.Data[i] = x.Data[i] * _split;
        }
        var y = new Tensor<T>(batch, 2, n);
        for (int u = 0; u < _units.Length; u++)
        {
            var yu = _units[u].Forward(copy, ctx);
            for (int b = 0; b < batch; b++)
            {
                var src = yu.Row(b);
                var dst = y.Row(b);
                src[..m].CopyTo(dst.Slice(u * m, m));
                src[m..].CopyTo(dst.Slice(n + (u * m), m));
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        int m = Modes, n = Outputs;
        ComplexTensor<T>.RequireField(gradOutput, n, Name + " gradient");
        int batch = gradOutput.Dim(0);
        var dx = new Tensor<T>(batch, 2, m);
        var gu = new Tensor<T>(batch, 2, m);
        for (int u = 0; u < _units.Length; u++)
        {
            for (int b = 0; b < batch; b++)
            {
                var src = gradOutput.Row(b);
                var dst = gu.Row(b);
                src.Slice(u * m, m).CopyTo(dst[..m]);
                src.Slice(n + (u * m), m).CopyTo(dst[m..]);
            }
            var d = _units[u].Backward(gu);
            for (int i = 0; i < dx.Length; i++)
            {
                dx.Data[i] += d.Data[i] * _split;
            }
        }
        return dx;
    }
}
