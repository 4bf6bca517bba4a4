using System.Numerics;

namespace PnnKit.Core.Tests.Tensors;

/// <summary>The textbook triple loop, accumulated in double: the reference every GEMM test compares with.</summary>
internal static class NaiveGemm
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C, with the same storage conventions as <c>Gemm.Multiply</c>.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k, T alpha, T[] a, int lda, T[] b, int ldb, T beta, T[] c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double al = double.CreateChecked(alpha), be = double.CreateChecked(beta);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += double.CreateChecked(A(transA, a, lda, i, p)) * double.CreateChecked(B(transB, b, ldb, p, j));
                }
                ref T cij = ref c[(i * ldc) + j];
                cij = T.CreateChecked((al * sum) + (be == 0 ? 0 : be * double.CreateChecked(cij)));
            }
        }
    }

    /// <summary>|alpha|·Σ|op(A)||op(B)| + |beta||C| per element: the scale that bounds rounding error.</summary>
    public static double[] ErrorScale<T>(bool transA, bool transB, int m, int n, int k, T alpha, T[] a, int lda, T[] b, int ldb, T beta, T[] c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scale = new double[m * n];
        double al = Math.Abs(double.CreateChecked(alpha)), be = Math.Abs(double.CreateChecked(beta));
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += Math.Abs(double.CreateChecked(A(transA, a, lda, i, p)) * double.CreateChecked(B(transB, b, ldb, p, j)));
                }
                scale[(i * n) + j] = (al * sum) + (be == 0 ? 0 : be * Math.Abs(double.CreateChecked(c[(i * ldc) + j])));
            }
        }
        return scale;
    }

    private static T A<T>(bool trans, T[] a, int lda, int i, int p) => trans ? a[(p * lda) + i] : a[(i * lda) + p];

    private static T B<T>(bool trans, T[] b, int ldb, int p, int j) => trans ? b[(j * ldb) + p] : b[(p * ldb) + j];
}
