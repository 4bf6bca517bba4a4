using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Bench.Repro;

/// <summary>
/// A fixed transimpedance gain on the last layer's photocurrents (electrical → electrical): the
/// class scores are gain × detected power, as the <c>outputGain</c> of the mesh classifier. Used
/// where the detectors sit inside a black-box system whose own gain is 1.
/// </summary>
internal sealed class ReadoutGain(double gain) : ILayer<double>
{
    /// <inheritdoc/>
    public string Name => "readout-gain";

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<double>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<double> Forward(Tensor<double> x, ForwardContext ctx) => Scaled(x);

    /// <inheritdoc/>
    public Tensor<double> Backward(Tensor<double> gradOutput) => Scaled(gradOutput);

    private Tensor<double> Scaled(Tensor<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = x.Clone();
        for (int i = 0; i < y.Length; i++)
        {
            y[i] *= gain;
        }
        return y;
    }
}
