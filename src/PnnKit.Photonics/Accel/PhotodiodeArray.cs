using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Accel;

/// <summary>
/// A square array of photodiodes on the output plane of a diffractive front end (ACCEL's 32 × 32 array,
/// Chen et al., Nature 623, 48 (2023), Methods): the plane's central <see cref="Cells"/>·k pixels square is cut
/// into <see cref="Cells"/>² cells of k × k plane pixels, and each photodiode collects the fraction
/// <see cref="FillFactor"/> of the power on its cell (the light on the rest of the pixel falls on wiring and
/// the in-pixel switches). Output photocurrent per photodiode in model units, I = Gain·FF·Σ|E|² over the cell,
/// [batch, cells²] row-major. Optical → electrical; the currents it produces are costed by the stage that
/// reads them (<see cref="AccelCostModel"/>). Backward: ∂L/∂E = 2·Gain·FF·(∂L/∂I)·E on the cell (Wirtinger planes of ILayer).
/// </summary>
public sealed class PhotodiodeArray<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>ACCEL's photodiodes per side: 32 (Chen et al. 2023, Methods: a 32 × 32 array of 35 µm pixels).</summary>
    public const int AccelCells = 32;

    /// <summary>ACCEL's photodiode fill factor: 9.14 % (Chen et al. 2023, Methods).</summary>
    public const double AccelFillFactor = 0.0914;

    private readonly int[] _cellOf;
    private Tensor<T>? _x;

    /// <summary>A <paramref name="cells"/>² array on an <paramref name="n"/>² plane, each cell ⌊n / cells⌋² pixels, centred.</summary>
    public PhotodiodeArray(int n, int cells = AccelCells, double fillFactor = AccelFillFactor, double gain = 1.0, string name = "photodiode-array")
    {
        if (cells < 1 || n < cells)
        {
            throw new ArgumentOutOfRangeException(nameof(cells), $"cells must be in [1, n = {n}] so each photodiode covers at least one plane pixel; got {cells}.");
        }
        if (!(fillFactor > 0 && fillFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fillFactor), $"fillFactor must be in (0, 1]; got {fillFactor}.");
        }
        if (!(gain > 0) || !double.IsFinite(gain))
        {
            throw new ArgumentOutOfRangeException(nameof(gain), $"gain must be finite and > 0; got {gain}.");
        }
        N = n;
        Cells = cells;
        PixelsPerCell = n / cells;
        FillFactor = fillFactor;
        Gain = gain;
        Name = name;
        int side = cells * PixelsPerCell, off = (n - side) / 2;
        _cellOf = new int[n * n];
        Array.Fill(_cellOf, -1);
        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                _cellOf[((r + off) * n) + c + off] = (r / PixelsPerCell * cells) + (c / PixelsPerCell);
            }
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Side of the optical plane, pixels.</summary>
    public int N { get; }

    /// <summary>Photodiodes per side.</summary>
    public int Cells { get; }

    /// <summary>Photodiodes in all.</summary>
    public int Count => Cells * Cells;

    /// <summary>Plane pixels per photodiode along each axis.</summary>
    public int PixelsPerCell { get; }

    /// <summary>Fraction of a cell's light the photodiode collects.</summary>
    public double FillFactor { get; }

    /// <summary>Photocurrent per unit collected power (responsivity, in model units).</summary>
    public double Gain { get; }

    /// <summary>The photodiode that collects plane pixel <paramref name="pixel"/>, or −1 outside the array.</summary>
    public int CellOf(int pixel) => _cellOf[pixel];

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
        var y = new Tensor<T>(x.Dim(0), Count);
        T g = T.CreateChecked(Gain * FillFactor);
        for (int b = 0; b < x.Dim(0); b++)
        {
            var row = x.Row(b);
            var o = y.Row(b);
            for (int p = 0; p < nn; p++)
            {
                int c = _cellOf[p];
                if (c >= 0)
                {
                    o[c] += g * ((row[p] * row[p]) + (row[nn + p] * row[nn + p]));
                }
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
        T two = T.CreateChecked(2 * Gain * FillFactor);
        for (int b = 0; b < x.Dim(0); b++)
        {
            var row = x.Row(b);
            var g = gradOutput.Row(b);
            var d = dx.Row(b);
            for (int p = 0; p < nn; p++)
            {
                int c = _cellOf[p];
                if (c >= 0)
                {
                    T gc = two * g[c];
                    d[p] = gc * row[p];
                    d[nn + p] = gc * row[nn + p];
                }
            }
        }
        return dx;
    }
}
