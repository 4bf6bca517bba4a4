using System.Globalization;
using PnnKit.Cluster;

namespace PnnKit.Cli.Commands;

/// <summary>
/// A fixed block of single-threaded arithmetic per work item (the spec is the matrix size and the products per item),
/// so <c>pnn bench perf</c> can time the cluster's scale-out without the sweep's own cost varying from item to item.
/// The result is a checksum of the block, the same on any silo.
/// </summary>
internal sealed class ComputeBlockSweep : IWorkItemEvaluator
{
    public const string KindName = "compute-block";

    public string Kind => KindName;

    /// <summary>The spec of a block: <paramref name="size"/>² matrices, <paramref name="products"/> products each.</summary>
    public static string Spec(int size, int products) => FormattableString.Invariant($"{size} {products}");

    public string Evaluate(string spec, string key)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Split(' ');
        int n = int.Parse(parts[0], CultureInfo.InvariantCulture), products = int.Parse(parts[1], CultureInfo.InvariantCulture);
        int item = int.Parse(key, CultureInfo.InvariantCulture);
        var a = new double[n * n];
        var c = new double[n * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = ((i * 7919 + item) % 1000) / 1000.0 - 0.5;
        }
        double sum = 0;
        for (int p = 0; p < products; p++)
        {
            // Plain loops on purpose: one thread per item, whatever the GEMM kernel's threading.
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < n; k++)
                {
                    double aik = a[(i * n) + k];
                    for (int j = 0; j < n; j++)
                    {
                        c[(i * n) + j] += aik * a[(k * n) + j];
                    }
                }
            }
            sum += c[p % c.Length];
        }
        return sum.ToString("R", CultureInfo.InvariantCulture);
    }
}
