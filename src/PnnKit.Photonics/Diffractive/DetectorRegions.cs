using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Diffractive;

/// <summary>
/// Detectors on the output plane: each class owns a square region of side <see cref="RegionSize"/>
/// pixels; its score is the optical power collected there, Σ|E|², times <see cref="Gain"/> (Lin et
/// al. 2018). Regions are laid out on a centred grid of ⌈√classes⌉ columns. Optical → electrical.
/// </summary>
public sealed class DetectorRegions<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[][] _pixels;
    private Tensor<T>? _x;

    /// <summary>Regions for <paramref name="classes"/> classes on an n×n plane.</summary>
    public DetectorRegions(int n, int classes, int regionSize, double gain = 1.0, string name = "detector-regions")
    {
        int cols = (int)Math.Ceiling(Math.Sqrt(classes));
        int rows = (classes + cols - 1) / cols;
        if (classes < 1 || regionSize < 1 || cols * regionSize * 2 > n + regionSize || rows * regionSize * 2 > n + regionSize)
        {
            throw new ArgumentException($"{classes} regions of {regionSize}×{regionSize} pixels (gaps of one region) do not fit on a {n}×{n} plane.", nameof(regionSize));
        }
        N = n;
        Classes = classes;
        RegionSize = regionSize;
        Gain = gain;
        Name = name;
        int spanX = (cols * 2 * regionSize) - regionSize, spanY = (rows * 2 * regionSize) - regionSize;
        int x0 = (n - spanX) / 2, y0 = (n - spanY) / 2;
        _pixels = new int[classes][];
        for (int k = 0; k < classes; k++)
        {
            int r0 = y0 + (k / cols * 2 * regionSize), c0 = x0 + (k % cols * 2 * regionSize);
            _pixels[k] = [.. Enumerable.Range(0, regionSize * regionSize).Select(p => ((r0 + (p / regionSize)) * n) + c0 + (p % regionSize))];
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Grid side n.</summary>
    public int N { get; }

    /// <summary>Number of classes (regions).</summary>
    public int Classes { get; }

    /// <summary>Side of each square region, pixels.</summary>
    public int RegionSize { get; }

    /// <summary>Scale applied to the collected power.</summary>
    public double Gain { get; }

    /// <summary>Flat pixel indices of region <paramref name="k"/>.</summary>
    public IReadOnlyList<int> Region(int k) => _pixels[k];

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        int nn = N * N;
        ComplexTensor<T>.RequireField(x, nn, Name);
        _x = x;
        var y = new Tensor<T>(x.Dim(0), Classes);
        T g = T.CreateChecked(Gain);
        for (int b = 0; b < x.Dim(0); b++)
        {
            var row = x.Row(b);
            for (int k = 0; k < Classes; k++)
            {
                T s = T.Zero;
                foreach (int p in _pixels[k])
                {
                    s += (row[p] * row[p]) + (row[nn + p] * row[nn + p]);
                }
                y[b, k] = g * s;
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        int nn = N * N;
        var dx = Tensor<T>.ZerosLike(x);
        T two = T.CreateChecked(2 * Gain);
        for (int b = 0; b < x.Dim(0); b++)
        {
            var row = x.Row(b);
            var d = dx.Row(b);
            for (int k = 0; k < Classes; k++)
            {
                T gk = two * gradOutput[b, k];
                foreach (int p in _pixels[k])
                {
                    d[p] = gk * row[p];
                    d[nn + p] = gk * row[nn + p];
                }
            }
        }
        return dx;
    }
}
