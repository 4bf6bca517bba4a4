using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Diffractive;

/// <summary>
/// The input plane of a diffractive network: an s×s image, each pixel blown up to a
/// <see cref="Scale"/>×<see cref="Scale"/> block (nearest neighbour), is written as the real field
/// amplitude at the centre of an n×n plane, dark elsewhere (Lin et al. 2018 illuminate an amplitude
/// mask of the digit). Input [batch, s·s], output a field [batch, 2, n·n]. Digital → optical.
/// </summary>
public sealed class ImagePlane<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _target;
    private int _batch = -1;

    /// <summary>An <paramref name="imageSide"/>² image scaled by <paramref name="scale"/> onto an <paramref name="n"/>² plane.</summary>
    public ImagePlane(int imageSide, int scale, int n, string name = "input-plane")
    {
        if (imageSide < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(imageSide), $"The image needs at least one pixel; got side {imageSide}.");
        }
        if (scale < 1 || imageSide * scale > n)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"The scaled image ({imageSide}·{scale} pixels) must fit on the {n}×{n} plane with scale ≥ 1.");
        }
        ImageSide = imageSide;
        Scale = scale;
        N = n;
        Name = name;
        int side = imageSide * scale, off = (n - side) / 2;
        _target = new int[side * side];
        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                _target[(r * side) + c] = ((r + off) * n) + c + off;
            }
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Side of the input image, pixels.</summary>
    public int ImageSide { get; }

    /// <summary>Plane pixels per image pixel along each axis.</summary>
    public int Scale { get; }

    /// <summary>Side of the plane, pixels.</summary>
    public int N { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Digital;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        int s = ImageSide, side = s * Scale;
        if (x.Rank != 2 || x.Dim(1) != s * s)
        {
            throw new ArgumentException($"{Name}: input must be images [batch, {s * s}] ({s}×{s}); got [{string.Join(", ", x.Shape.ToArray())}].", nameof(x));
        }
        _batch = x.Dim(0);
        var y = new Tensor<T>(_batch, 2, N * N);
        for (int b = 0; b < _batch; b++)
        {
            var img = x.Row(b);
            var field = y.Row(b);
            for (int p = 0; p < side * side; p++)
            {
                int r = p / side / Scale, c = p % side / Scale;
                field[_target[p]] = img[(r * s) + c];
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        ComplexTensor<T>.RequireField(gradOutput, N * N, Name);
        if (gradOutput.Dim(0) != _batch)
        {
            throw new ArgumentException($"{Name}: gradient batch {gradOutput.Dim(0)} differs from the forward batch {_batch}.", nameof(gradOutput));
        }
        int s = ImageSide, side = s * Scale;
        var dx = new Tensor<T>(_batch, s * s);
        for (int b = 0; b < _batch; b++)
        {
            var g = gradOutput.Row(b);
            var d = dx.Row(b);
            for (int p = 0; p < side * side; p++)
            {
                int r = p / side / Scale, c = p % side / Scale;
                d[(r * s) + c] += g[_target[p]];
            }
        }
        return dx;
    }
}
