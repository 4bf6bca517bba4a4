using System.Numerics;

namespace PnnKit.Core.Tensors;

/// <summary>
/// General matrix multiply on row-major storage: C = alpha·op(A)·op(B) + beta·C, where op(X) is X
/// or Xᵀ. Shapes: op(A) is m×k, op(B) is k×n, C is m×n; lda/ldb/ldc are row strides in elements.
/// </summary>
public static class Gemm
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C.</summary>
    public static void Multiply<T>(
        bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Reference implementation; replaced by the blocked SIMD kernel.
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T av = transA ? a[(p * lda) + i] : a[(i * lda) + p];
                    T bv = transB ? b[(j * ldb) + p] : b[(p * ldb) + j];
                    sum += av * bv;
                }
                ref T cij = ref c[(i * ldc) + j];
                cij = (alpha * sum) + (beta == T.Zero ? T.Zero : beta * cij);
            }
        }
    }

    /// <summary>Returns op(A)·op(B) for matrix-shaped tensors (rows × row length).</summary>
    public static Tensor<T> MatMul<T>(Tensor<T> a, Tensor<T> b, bool transA = false, bool transB = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = transA ? a.RowLength : a.Rows;
        int k = transA ? a.Rows : a.RowLength;
        int kb = transB ? b.RowLength : b.Rows;
        int n = transB ? b.Rows : b.RowLength;
        if (k != kb)
        {
            throw new ArgumentException($"Inner dimensions differ: op(A) is {m}×{k}, op(B) is {kb}×{n}.");
        }
        var c = new Tensor<T>(m, n);
        Multiply(transA, transB, m, n, k, T.One, a.Data, a.RowLength, b.Data, b.RowLength, T.Zero, c.Data, n);
        return c;
    }
}
