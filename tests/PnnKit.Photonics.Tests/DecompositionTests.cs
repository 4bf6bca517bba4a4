using System.Numerics;
using PnnKit.Core.Random;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class DecompositionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(64)]
    public void Clements_ReconstructsRandomUnitary_Within1e10(int n)
    {
        var u = ComplexMatrix.RandomUnitary(n, new Rng((ulong)n));
        var mesh = new ClementsMesh<double>(n);
        UnitaryDecomposition.Clements(u, n).ApplyTo(mesh);
        double err = ComplexMatrix.MaxAbsDifference(mesh.TransferMatrix(), u);
        output.WriteLine($"Clements N = {n}: max|U_mesh − U| = {err:E2}");
        Assert.True(err < 1e-10, $"N = {n}: max|U_mesh − U| = {err:E2}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(32)]
    public void Reck_ReconstructsRandomUnitary_Within1e10(int n)
    {
        var u = ComplexMatrix.RandomUnitary(n, new Rng(100 + (ulong)n));
        var mesh = new ReckMesh<double>(n);
        UnitaryDecomposition.Reck(u, n).ApplyTo(mesh);
        double err = ComplexMatrix.MaxAbsDifference(mesh.TransferMatrix(), u);
        output.WriteLine($"Reck N = {n}: max|U_mesh − U| = {err:E2}");
        Assert.True(err < 1e-10, $"N = {n}: max|U_mesh − U| = {err:E2}");
    }

    [Fact]
    public void Clements_HandlesPermutationAndIdentity_WhereNullingIsDegenerate()
    {
        int n = 6;
        var perm = new Complex[n * n];
        int[] p = [3, 0, 5, 1, 4, 2];
        for (int i = 0; i < n; i++)
        {
            perm[(i * n) + p[i]] = Complex.FromPolarCoordinates(1, i * 0.7);
        }
        foreach (var u in new[] { perm, ComplexMatrix.Identity(n) })
        {
            var mesh = new ClementsMesh<double>(n);
            UnitaryDecomposition.Clements(u, n).ApplyTo(mesh);
            Assert.True(ComplexMatrix.MaxAbsDifference(mesh.TransferMatrix(), u) < 1e-12);
        }
    }

    [Fact]
    public void Decomposition_RejectsNonUnitary_SayingByHowMuch()
    {
        var u = ComplexMatrix.RandomUnitary(4, new Rng(1));
        u[5] *= 1.01;
        var e = Assert.Throws<ArgumentException>(() => UnitaryDecomposition.Clements(u, 4));
        Assert.Equal("unitary", e.ParamName);
        Assert.Contains("not unitary", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => UnitaryDecomposition.Reck(u, 4));
    }

    [Fact]
    public void Decomposition_RejectsSizeMismatchAndNaN()
    {
        var u = ComplexMatrix.RandomUnitary(4, new Rng(2));
        Assert.Throws<ArgumentException>(() => UnitaryDecomposition.Clements(u, 5));
        u[3] = new Complex(double.NaN, 0);
        var e = Assert.Throws<ArgumentException>(() => UnitaryDecomposition.Clements(u, 4));
        Assert.Contains("finite", e.Message, StringComparison.Ordinal);
        var phases = UnitaryDecomposition.Clements(ComplexMatrix.Identity(4), 4);
        Assert.Throws<ArgumentException>(() => phases.ApplyTo(new ClementsMesh<double>(5)));
    }
}
