using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

/// <summary>
/// The transfer-matrix path of <see cref="MziMesh{T}"/> (identity through the columns, then GEMMs)
/// against the column-by-column path: same outputs, input gradients, phase and coupler gradients,
/// and monitor-tap fields, on meshes with every kind of fabricated error.
/// </summary>
public class MeshEvaluationTests(ITestOutputHelper output)
{
    private static MziMesh<double> Mesh(string kind, int n, MeshEvaluation evaluation, int dacBits = 0)
    {
        var errors = MeshTests.RandomErrors(n * (n - 1) / 2, n, 21) with { DacBits = dacBits };
        var mesh = MeshTests.Make<double>(kind, n, 31, errors);
        mesh.Evaluation = evaluation;
        return mesh;
    }

    private static double RelativeDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double diff = 0, scale = 0;
        for (int i = 0; i < a.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(a[i] - b[i]));
            scale = Math.Max(scale, Math.Abs(a[i]));
        }
        Assert.True(scale > 0, "all-zero reference");
        return diff / scale;
    }

    private static (Tensor<double> Y, Tensor<double> Dx, double[][] Grads) Run(MziMesh<double> mesh, Tensor<double> x, Tensor<double> g)
    {
        foreach (var p in mesh.Parameters)
        {
            p.ZeroGrad();
        }
        var y = mesh.Forward(x, ForwardContext.Eval());
        var dx = mesh.Backward(g);
        return (y, dx, [.. mesh.Parameters.Select(p => p.Grad.Data.ToArray())]);
    }

    [Theory]
    [InlineData("clements", 6, 40, 0)]
    [InlineData("clements", 9, 23, 8)]
    [InlineData("reck", 7, 30, 0)]
    [InlineData("clements", 7, 200, 0)]
    [InlineData("clements", 8, 200, 6)]
    public void TransferMatrixPath_EqualsColumnPath_OutputsAndAllGradients(string kind, int n, int batch, int dacBits)
    {
        var x = MeshTests.RandomField(batch, n, 2);
        var g = MeshTests.RandomField(batch, n, 3);
        var columns = Run(Mesh(kind, n, MeshEvaluation.Columns, dacBits), x, g);
        var transfer = Run(Mesh(kind, n, MeshEvaluation.TransferMatrix, dacBits), x, g);
        double dy = RelativeDifference(columns.Y.Span, transfer.Y.Span);
        double ddx = RelativeDifference(columns.Dx.Span, transfer.Dx.Span);
        output.WriteLine($"{kind} N = {n}, batch {batch}: relative difference y {dy:E1}, dx {ddx:E1}");
        Assert.True(dy < 1e-12, $"outputs differ by {dy:E1}");
        Assert.True(ddx < 1e-12, $"input gradients differ by {ddx:E1}");
        for (int p = 0; p < columns.Grads.Length; p++)
        {
            double d = RelativeDifference(columns.Grads[p], transfer.Grads[p]);
            output.WriteLine($"  parameter {p}: relative difference {d:E1}");
            Assert.True(d < 1e-12, $"parameter {p} gradients differ by {d:E1}");
        }
    }

    [Theory]
    [InlineData("clements", 6)]
    [InlineData("reck", 5)]
    public void TransferMatrixPath_GradientsMatchFiniteDifferences(string kind, int n)
    {
        var mesh = Mesh(kind, n, MeshEvaluation.TransferMatrix);
        var result = GradientCheck.Run(mesh, MeshTests.RandomField(4 * n, n, 4), maxEntries: 200);
        output.WriteLine($"{kind} N = {n}: {result}");
        Assert.Equal(4, result.Entries.Count);
        result.AssertWithin(1e-6);
    }

    [Theory]
    [InlineData(31, false)]
    [InlineData(32, true)]
    public void Automatic_TakesTheTransferMatrixPath_FromBatch2N(int batch, bool viaTransferMatrix)
    {
        int n = 16;
        var x = MeshTests.RandomField(batch, n, 6);
        var g = MeshTests.RandomField(batch, n, 7);
        var auto = Run(Mesh("clements", n, MeshEvaluation.Automatic), x, g);
        var expected = Run(Mesh("clements", n, viaTransferMatrix ? MeshEvaluation.TransferMatrix : MeshEvaluation.Columns), x, g);
        var other = Run(Mesh("clements", n, viaTransferMatrix ? MeshEvaluation.Columns : MeshEvaluation.TransferMatrix), x, g);
        // Same path, same arithmetic: bit for bit; the other path rounds differently.
        Assert.Equal(expected.Y.Data, auto.Y.Data);
        Assert.Equal(expected.Dx.Data, auto.Dx.Data);
        Assert.Equal(expected.Grads.SelectMany(a => a), auto.Grads.SelectMany(a => a));
        Assert.NotEqual(other.Y.Data, auto.Y.Data);
    }

    [Fact]
    public void CouplerGradients_AreTheSameOnBothPaths()
    {
        int n = 6, batch = 20, mzis = n * (n - 1) / 2;
        var x = MeshTests.RandomField(batch, n, 8);
        var g = MeshTests.RandomField(batch, n, 9);
        double[][] Angles(MeshEvaluation evaluation)
        {
            var mesh = Mesh("clements", n, evaluation);
            var d1 = new double[mzis];
            var d2 = new double[mzis];
            mesh.Forward(x, ForwardContext.Eval());
            mesh.BackwardWithCouplerGradients(g, d1, d2);
            return [d1, d2];
        }
        var columns = Angles(MeshEvaluation.Columns);
        var transfer = Angles(MeshEvaluation.TransferMatrix);
        for (int k = 0; k < 2; k++)
        {
            double d = RelativeDifference(columns[k], transfer[k]);
            Assert.True(d < 1e-12, $"coupler {k + 1} angle gradients differ by {d:E1}");
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(100)]
    public void MonitorTaps_AfterATransferMatrixForward_EqualTheColumnPathOnes(int batch)
    {
        int n = 5;
        var x = MeshTests.RandomField(batch, n, 10);
        var g = MeshTests.RandomField(batch, n, 11);
        (double[] Forward, double[] Adjoint, Tensor<double> AdjointIn) Taps(MeshEvaluation evaluation)
        {
            var mesh = Mesh("clements", n, evaluation);
            int len = mesh.ShifterCount * batch;
            double[] fr = new double[len], fi = new double[len], ar = new double[len], ai = new double[len];
            mesh.Forward(x, ForwardContext.Eval());
            mesh.ForwardShifterFields(fr, fi);
            var adjointIn = mesh.AdjointShifterFields(g, ar, ai);
            return ([.. fr, .. fi], [.. ar, .. ai], adjointIn);
        }
        var columns = Taps(MeshEvaluation.Columns);
        var transfer = Taps(MeshEvaluation.TransferMatrix);
        Assert.True(RelativeDifference(columns.Forward, transfer.Forward) < 1e-12);
        Assert.True(RelativeDifference(columns.Adjoint, transfer.Adjoint) < 1e-12);
        Assert.True(RelativeDifference(columns.AdjointIn.Span, transfer.AdjointIn.Span) < 1e-12);
    }

    [Fact]
    public void InSituGradients_AreTheSameOnBothPaths()
    {
        int n = 4, batch = 16;
        var x = MeshTests.RandomField(batch, n, 12);
        var g = MeshTests.RandomField(batch, n, 13);
        double[] InSitu(MeshEvaluation evaluation)
        {
            var mesh = Mesh("clements", n, evaluation);
            var layer = new InSituMesh<double>(mesh, InSituOptions.NoiseFree);
            layer.Forward(x, ForwardContext.Train(1));
            layer.Backward(g);
            return [.. mesh.Parameters.SelectMany(p => p.Grad.Data)];
        }
        double d = RelativeDifference(InSitu(MeshEvaluation.Columns), InSitu(MeshEvaluation.TransferMatrix));
        output.WriteLine($"in-situ gradients, relative difference {d:E1}");
        Assert.True(d < 1e-12, $"in-situ gradients differ by {d:E1}");
    }

    [Theory]
    [InlineData("clements", 7, false)]
    [InlineData("clements", 7, true)]
    [InlineData("clements", 8, false)]
    [InlineData("reck", 8, false)]
    public void Results_AreBitForBitTheSame_OnOneOrTwoThreads(string kind, int n, bool viaTransferMatrix)
    {
        // 200 samples run as several chunks; their sums must not depend on how many threads ran them.
        int batch = 200;
        var x = MeshTests.RandomField(batch, n, 14);
        var g = MeshTests.RandomField(batch, n, 15);
        var evaluation = viaTransferMatrix ? MeshEvaluation.TransferMatrix : MeshEvaluation.Columns;
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 1;
            var one = Run(Mesh(kind, n, evaluation), x, g);
            Gemm.MaxThreads = 2;
            var two = Run(Mesh(kind, n, evaluation), x, g);
            Assert.Equal(one.Y.Data, two.Y.Data);
            Assert.Equal(one.Dx.Data, two.Dx.Data);
            Assert.Equal(one.Grads.SelectMany(a => a), two.Grads.SelectMany(a => a));
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Float_AgreesWithDouble_OnBothPaths_WithABatchThatIsNoVectorMultiple(bool viaTransferMatrix)
    {
        var evaluation = viaTransferMatrix ? MeshEvaluation.TransferMatrix : MeshEvaluation.Columns;
        int n = 7, batch = 37;
        var md = MeshTests.Make<double>("clements", n, 3);
        var mf = MeshTests.Make<float>("clements", n, 3);
        md.Evaluation = evaluation;
        mf.Evaluation = evaluation;
        var x = MeshTests.RandomField(batch, n, 5);
        var g = MeshTests.RandomField(batch, n, 6);
        var yd = md.Forward(x, ForwardContext.Eval());
        var yf = mf.Forward(x.Cast<float>(), ForwardContext.Eval());
        var dxd = md.Backward(g);
        var dxf = mf.Backward(g.Cast<float>());
        for (int i = 0; i < yd.Length; i++)
        {
            Assert.Equal(yd[i], yf[i], 1e-4);
            Assert.Equal(dxd[i], dxf[i], 1e-4);
        }
        for (int i = 0; i < md.MziCount; i++)
        {
            Assert.Equal(md.Theta.Grad[i], mf.Theta.Grad[i], 1e-3);
            Assert.Equal(md.Phi.Grad[i], mf.Phi.Grad[i], 1e-3);
        }
    }
}
