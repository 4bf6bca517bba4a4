using System.Numerics;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Methods;

/// <summary>
/// The inverse of a fitted <see cref="FeatureScaler"/> as a fixed layer, y = (x − offset)·scale + center,
/// so a twin trained on standardised targets outputs physical units.
/// </summary>
public sealed class OutputScale<T>(FeatureScaler scaler) : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly FeatureScaler _scaler = scaler ?? throw new ArgumentNullException(nameof(scaler));

    /// <inheritdoc/>
    public string Name => "output-scale";

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Digital;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.RowLength != _scaler.FeatureCount)
        {
            throw new ArgumentException($"output-scale: {x.RowLength} values per row, the scaler has {_scaler.FeatureCount}.", nameof(x));
        }
        var y = Tensor<T>.ZerosLike(x);
        for (int i = 0; i < x.Length; i++)
        {
            int j = i % _scaler.FeatureCount;
            y[i] = T.CreateChecked(((double.CreateChecked(x[i]) - _scaler.Offset) * _scaler.Scale[j]) + _scaler.Center[j]);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var dx = Tensor<T>.ZerosLike(gradOutput);
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = gradOutput[i] * T.CreateChecked(_scaler.Scale[i % _scaler.FeatureCount]);
        }
        return dx;
    }
}
