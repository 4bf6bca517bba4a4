using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Networks;

/// <summary>
/// Keeps the first <see cref="Ports"/> of N output waveguides (the ones that lead to detectors);
/// the light in the others leaves the chip unread. Field [batch, 2, N] in, [batch, 2, K] out;
/// Backward puts the gradient back on the kept ports and zero on the others.
/// </summary>
public sealed class OutputPorts<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private int _batch;

    /// <summary>Keeps <paramref name="ports"/> of <paramref name="modes"/> waveguides.</summary>
    public OutputPorts(int modes, int ports, string name = "output-ports")
    {
        if (ports < 1 || ports > modes)
        {
            throw new ArgumentOutOfRangeException(nameof(ports), $"Need 1 ≤ ports ≤ modes = {modes}; got {ports}.");
        }
        Modes = modes;
        Ports = ports;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Waveguides in, N.</summary>
    public int Modes { get; }

    /// <summary>Waveguides kept, K.</summary>
    public int Ports { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ComplexTensor<T>.RequireField(x, Modes, Name);
        _batch = x.Dim(0);
        var y = new Tensor<T>(_batch, 2, Ports);
        for (int b = 0; b < _batch; b++)
        {
            var src = x.Row(b);
            var dst = y.Row(b);
            src[..Ports].CopyTo(dst);
            src.Slice(Modes, Ports).CopyTo(dst[Ports..]);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        ComplexTensor<T>.RequireField(gradOutput, Ports, Name + " gradient");
        var dx = new Tensor<T>(_batch, 2, Modes);
        for (int b = 0; b < _batch; b++)
        {
            var src = gradOutput.Row(b);
            var dst = dx.Row(b);
            src[..Ports].CopyTo(dst);
            src[Ports..].CopyTo(dst.Slice(Modes, Ports));
        }
        return dx;
    }
}
