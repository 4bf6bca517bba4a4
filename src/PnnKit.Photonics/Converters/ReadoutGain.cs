using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Converters;

/// <summary>
/// A fixed transimpedance gain on the last layer's photocurrents (electrical → electrical): the
/// class scores are gain × detected power, as the <c>outputGain</c> of the mesh classifier. Used
/// where the detectors sit inside a black-box system whose own gain is 1.
/// </summary>
public sealed class ReadoutGain<T>(double gain) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "readout-gain";

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx) => Scaled(x);

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput) => Scaled(gradOutput);

    private Tensor<T> Scaled(Tensor<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = x.Clone();
        var g = T.CreateChecked(gain);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] *= g;
        }
        return y;
    }
}
