using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class MeshTests(ITestOutputHelper output)
{
    internal static MziMesh<T> Make<T>(string kind, int n, ulong seed, MeshErrors? errors = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        kind == "clements" ? new ClementsMesh<T>(n, new Rng(seed), errors) : new ReckMesh<T>(n, new Rng(seed), errors);

    internal static Tensor<double> RandomField(int batch, int n, ulong seed)
    {
        var x = new Tensor<double>(batch, 2, n);
        new Rng(seed).FillNormal(x.Span, 0, 1);
        return x;
    }

    internal static MeshErrors RandomErrors(int mzis, int modes, ulong seed, double crosstalk = 0.05)
    {
        var r = new Rng(seed);
        double[] Fill(int len, Func<double> f) => [.. Enumerable.Range(0, len).Select(_ => f())];
        return new MeshErrors
        {
            Coupler1Ratio = Fill(mzis, () => 0.5 + (0.03 * r.Normal())),
            Coupler2Ratio = Fill(mzis, () => 0.5 + (0.03 * r.Normal())),
            ThetaOffset = Fill(mzis, () => 0.1 * r.Normal()),
            PhiOffset = Fill(mzis, () => 0.1 * r.Normal()),
            OutputPhaseOffset = Fill(modes, () => 0.1 * r.Normal()),
            MziAmplitude = Fill(mzis, () => r.Uniform(0.9, 1.0)),
            NeighbourCrosstalk = crosstalk,
        };
    }

    private static double Energy(Tensor<double> x) => x.Data.Sum(v => v * v);

    public static TheoryData<string, int> Shapes => new() { { "clements", 2 }, { "clements", 7 }, { "clements", 16 }, { "reck", 3 }, { "reck", 10 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Mesh_IsUnitary_WhenLossless(string kind, int n)
    {
        var u = Make<double>(kind, n, 11).TransferMatrix();
        output.WriteLine($"{kind} N = {n}: max|U†U − I| = {ComplexMatrix.UnitarityError(u, n):E2}");
        Assert.True(ComplexMatrix.UnitarityError(u, n) < 1e-12, $"‖U†U − I‖max = {ComplexMatrix.UnitarityError(u, n):E2}");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Mesh_ConservesEnergy_WhenLossless(string kind, int n)
    {
        var mesh = Make<double>(kind, n, 5, RandomErrors(n * (n - 1) / 2, n, 9) with { MziAmplitude = null });
        var x = RandomField(6, n, 2);
        var y = mesh.Forward(x, ForwardContext.Eval());
        for (int b = 0; b < 6; b++)
        {
            double ein = x.Row(b).ToArray().Sum(v => v * v), eout = y.Row(b).ToArray().Sum(v => v * v);
            Assert.Equal(ein, eout, 1e-12 * ein);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Mesh_IsPassive_WithLoss_AndLosesEnergy(string kind, int n)
    {
        var mesh = Make<double>(kind, n, 5, RandomErrors(n * (n - 1) / 2, n, 9));
        var x = RandomField(64, n, 3);
        var y = mesh.Forward(x, ForwardContext.Eval());
        for (int b = 0; b < 64; b++)
        {
            double ein = x.Row(b).ToArray().Sum(v => v * v), eout = y.Row(b).ToArray().Sum(v => v * v);
            Assert.True(eout <= ein * (1 + 1e-12), $"row {b}: {eout} > {ein}");
        }
        Assert.True(Energy(y) < Energy(x) * 0.999);
    }

    [Fact]
    public void Mesh_Forward_MatchesItsTransferMatrix()
    {
        var mesh = Make<double>("clements", 6, 4, RandomErrors(15, 6, 1));
        var u = mesh.TransferMatrix();
        var x = new ComplexTensor<double>(RandomField(3, 6, 8));
        var y = new ComplexTensor<double>(mesh.Forward(x.Storage, ForwardContext.Eval()));
        for (int b = 0; b < 3; b++)
        {
            for (int i = 0; i < 6; i++)
            {
                Complex s = 0;
                for (int j = 0; j < 6; j++)
                {
                    s += u[(i * 6) + j] * x.Get(b, j);
                }
                Assert.True(Complex.Abs(s - y.Get(b, i)) < 1e-13);
            }
        }
    }

    [Theory]
    [InlineData("clements", 5, false)]
    [InlineData("clements", 6, true)]
    [InlineData("reck", 4, false)]
    [InlineData("reck", 5, true)]
    public void Mesh_GradientsMatchFiniteDifferences_ForInputAndEveryPhase(string kind, int n, bool withErrors)
    {
        var errors = withErrors ? RandomErrors(n * (n - 1) / 2, n, 21) : null;
        var mesh = Make<double>(kind, n, 31, errors);
        var result = GradientCheck.Run(mesh, RandomField(3, n, 4), maxEntries: 200);
        output.WriteLine($"{kind} N = {n}, errors {withErrors}: {result}");
        Assert.Equal(4, result.Entries.Count);
        result.AssertWithin(1e-6);
    }

    [Fact]
    public void Mesh_InFloat_AgreesWithDouble()
    {
        var md = Make<double>("clements", 8, 3);
        var mf = Make<float>("clements", 8, 3);
        var x = RandomField(4, 8, 5);
        var yd = md.Forward(x, ForwardContext.Eval());
        var yf = mf.Forward(x.Cast<float>(), ForwardContext.Eval());
        for (int i = 0; i < yd.Length; i++)
        {
            Assert.Equal(yd[i], yf[i], 1e-4);
        }
    }

    [Fact]
    public void Mesh_Layouts_HaveTheTextbookCellCountAndDepth()
    {
        var c = new ClementsMesh<double>(9);
        var r = new ReckMesh<double>(9);
        Assert.Equal(36, c.MziCount);
        Assert.Equal(36, r.MziCount);
        Assert.Equal(9, c.Columns);
        Assert.Equal(15, r.Columns);
    }

    [Fact]
    public void Mesh_RejectsFieldWithWrongModeCount_NamingTheLayer()
    {
        var mesh = new ClementsMesh<double>(4);
        var e = Assert.Throws<ArgumentException>(() => mesh.Forward(new Tensor<double>(2, 2, 5), ForwardContext.Eval()));
        Assert.Contains("clements", e.Message, StringComparison.Ordinal);
        Assert.Contains("[batch, 2, 4]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mesh_RejectsNaNPhase_NamingTheParameter()
    {
        var mesh = new ClementsMesh<double>(4);
        var theta = new double[6];
        theta[2] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => mesh.SetPhases(theta, new double[6], new double[4]));
        Assert.Equal("theta", e.ParamName);
        Assert.Throws<ArgumentException>(() => mesh.SetPhases(new double[5], new double[6], new double[4]));
        mesh.Phi.Value[1] = double.NaN;
        var e2 = Assert.Throws<InvalidOperationException>(() => mesh.Forward(RandomField(1, 4, 1), ForwardContext.Eval()));
        Assert.Contains("phi[1]", e2.Message, StringComparison.Ordinal);
    }
}
