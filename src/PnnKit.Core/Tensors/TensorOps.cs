using System.Numerics;
using System.Numerics.Tensors;

namespace PnnKit.Core.Tensors;

/// <summary>
/// Element-wise operations and reductions on tensors, SIMD through System.Numerics.Tensors.
/// Outputs are passed in, so hot loops reuse buffers instead of allocating. The only broadcast is
/// the one layers need: a row vector against every row of a batch.
/// </summary>
public static class TensorOps
{
    /// <summary>z = x + y.</summary>
    public static void Add<T>(Tensor<T> x, Tensor<T> y, Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x, y, z);
        TensorPrimitives.Add<T>(x.Span, y.Span, z.Span);
    }

    /// <summary>z = x ⊙ y.</summary>
    public static void Multiply<T>(Tensor<T> x, Tensor<T> y, Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(x, y, z);
        TensorPrimitives.Multiply<T>(x.Span, y.Span, z.Span);
    }

    /// <summary>y += a·x.</summary>
    public static void Axpy<T>(T a, Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        y.RequireSameShape(x, "axpy");
        TensorPrimitives.MultiplyAdd<T>(x.Span, a, y.Span, y.Span);
    }

    /// <summary>x *= a.</summary>
    public static void Scale<T>(Tensor<T> x, T a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        TensorPrimitives.Multiply<T>(x.Span, a, x.Span);
    }

    /// <summary>Σ x.</summary>
    public static T Sum<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return TensorPrimitives.Sum<T>(x.Span);
    }

    /// <summary>Σ x ⊙ y.</summary>
    public static T Dot<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        x.RequireSameShape(y, "dot");
        return TensorPrimitives.Dot<T>(x.Span, y.Span);
    }

    /// <summary>Adds <paramref name="row"/> to every row of <paramref name="x"/> (bias broadcast).</summary>
    public static void AddToRows<T>(Tensor<T> x, ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (row.Length != x.RowLength)
        {
            throw new ArgumentException($"Row vector of {row.Length} elements does not match rows of {x.RowLength}.", nameof(row));
        }
        for (int i = 0; i < x.Rows; i++)
        {
            TensorPrimitives.Add<T>(x.Row(i), row, x.Row(i));
        }
    }

    /// <summary><paramref name="sums"/> += column sums of <paramref name="x"/> (bias gradient).</summary>
    public static void AccumulateColumnSums<T>(Tensor<T> x, Span<T> sums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (sums.Length != x.RowLength)
        {
            throw new ArgumentException($"Sum vector of {sums.Length} elements does not match rows of {x.RowLength}.", nameof(sums));
        }
        for (int i = 0; i < x.Rows; i++)
        {
            TensorPrimitives.Add<T>(sums, x.Row(i), sums);
        }
    }

    private static void Check<T>(Tensor<T> x, Tensor<T> y, Tensor<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        x.RequireSameShape(y, "second operand");
        x.RequireSameShape(z, "result");
    }

    /// <summary>Writes softmax(z) into p, stably (the max subtracted before exp, in double); returns log Σ exp z. Shared by the softmax loss and layer.</summary>
    internal static double Softmax<T>(ReadOnlySpan<T> z, Span<double> p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double max = double.NegativeInfinity;
        foreach (var v in z)
        {
            max = Math.Max(max, double.CreateChecked(v));
        }
        double sum = 0;
        for (int j = 0; j < z.Length; j++)
        {
            p[j] = Math.Exp(double.CreateChecked(z[j]) - max);
            sum += p[j];
        }
        for (int j = 0; j < z.Length; j++)
        {
            p[j] /= sum;
        }
        return max + Math.Log(sum);
    }
}
