using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Periphery;

namespace PnnKit.Memristive.Crossbar;

/// <summary>
/// One crossbar tile as a layer in the electrical domain (Electrical → Electrical): row voltages (V)
/// in, differential column currents I_j = Σ_i V_i (G⁺_ij − G⁻_ij) (A) out, by Ohm and Kirchhoff.
/// The conductances are trainable parameters bounded to [0, GMax] S. Put a <see cref="Dac{T}"/>
/// before and an <see cref="Adc{T}"/> after it to build a model that starts and ends digital.
/// Backward is the transposed read: dL/dV = g·(G⁺ − G⁻)ᵀ, dL/dG⁺ = Vᵀ·g, dL/dG⁻ = −Vᵀ·g.
/// </summary>
public sealed class CrossbarLayer<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _input;

    /// <summary>A tile of <paramref name="rows"/> × <paramref name="columns"/> pairs initialised from <paramref name="tile"/>'s conductances, or zero.</summary>
    public CrossbarLayer(int rows, int columns, double gMax = WeightMapping.DefaultGMax, CrossbarTile? tile = null, string name = "crossbar")
    {
        if (rows <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"rows must be ≥ 1, got {rows}.");
        }
        if (columns <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"columns must be ≥ 1, got {columns}.");
        }
        if (!double.IsFinite(gMax) || gMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gMax), $"gMax must be a finite conductance > 0 S, got {gMax}.");
        }
        Name = name;
        GMax = gMax;
        GPlus = new Parameter<T>("gplus", new Tensor<T>(rows, columns), 0, gMax);
        GMinus = new Parameter<T>("gminus", new Tensor<T>(rows, columns), 0, gMax);
        if (tile is not null)
        {
            if (tile.Rows != rows || tile.Columns != columns)
            {
                throw new ArgumentException($"tile is {tile.Rows}×{tile.Columns}, layer is {rows}×{columns}.", nameof(tile));
            }
            tile.Validate();
            for (int k = 0; k < rows * columns; k++)
            {
                GPlus.Value[k] = T.CreateTruncating(tile.GPlus[k]);
                GMinus.Value[k] = T.CreateTruncating(tile.GMinus[k]);
            }
        }
        Parameters = [GPlus, GMinus];
    }

    /// <summary>Maximum conductance, S.</summary>
    public double GMax { get; }

    /// <summary>Positive devices [rows, columns], S.</summary>
    public Parameter<T> GPlus { get; }

    /// <summary>Negative devices [rows, columns], S.</summary>
    public Parameter<T> GMinus { get; }

    /// <summary>Read time for the array energy, s (see <see cref="ArrayReadCostModel"/>).</summary>
    public ArrayReadCostModel CostModel { get; init; } = new();

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    private int Rows => GPlus.Value.Rows;

    private int Columns => GPlus.Value.RowLength;

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        if (x.RowLength != Rows)
        {
            throw new ArgumentException($"{Name}: expects {Rows} row voltages, got {x.RowLength}.", nameof(x));
        }
        var diff = Difference();
        var y = new Tensor<T>(x.Rows, Columns);
        Gemm.Multiply(false, false, x.Rows, Columns, Rows, T.One, x.Data, Rows, diff, Columns, T.Zero, y.Data, Columns);
        _input = ctx.IsTraining ? x : null;
        if (ctx.Ledger is { } ledger)
        {
            double e = 0;
            for (int i = 0; i < Rows; i++)
            {
                double g = 0;
                for (int j = 0; j < Columns; j++)
                {
                    g += double.CreateTruncating(GPlus.Value[i, j]) + double.CreateTruncating(GMinus.Value[i, j]);
                }
                for (int b = 0; b < x.Rows; b++)
                {
                    double v = double.CreateTruncating(x[b, i]);
                    e += v * v * g;
                }
            }
            ledger.Charge($"{Name} array", CostCategory.Core, new Energy(e * CostModel.ReadSeconds), x.Rows, new Duration(CostModel.ReadSeconds), CostModel);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _input ?? throw new InvalidOperationException($"{Name}: Backward needs a training-mode Forward first.");
        int batch = x.Rows;
        var dg = new T[Rows * Columns];
        Gemm.Multiply(true, false, Rows, Columns, batch, T.One, x.Data, Rows, gradOutput.Data, Columns, T.Zero, dg, Columns);
        for (int k = 0; k < dg.Length; k++)
        {
            GPlus.Grad[k] += dg[k];
            GMinus.Grad[k] -= dg[k];
        }
        var dx = new Tensor<T>(batch, Rows);
        Gemm.Multiply(false, true, batch, Rows, Columns, T.One, gradOutput.Data, Columns, Difference(), Columns, T.Zero, dx.Data, Rows);
        return dx;
    }

    private T[] Difference()
    {
        var d = new T[Rows * Columns];
        for (int k = 0; k < d.Length; k++)
        {
            d[k] = GPlus.Value[k] - GMinus.Value[k];
        }
        return d;
    }
}
