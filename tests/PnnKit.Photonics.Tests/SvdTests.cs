using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Tests;

public class SvdTests
{
    private static Complex[] RandomComplex(int len, ulong seed)
    {
        var r = new Rng(seed);
        return [.. Enumerable.Range(0, len).Select(_ => new Complex(r.Normal(), r.Normal()))];
    }

    private static Complex[] Reconstruct(SvdResult s, int n)
    {
        var us = new Complex[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                us[(i * n) + j] = s.U[(i * n) + j] * s.S[j];
            }
        }
        return ComplexMatrix.Multiply(us, ComplexMatrix.Adjoint(s.V, n, n), n);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(24)]
    public void ComplexSvd_Reconstructs_WithUnitaryFactors_AndSortedValues(int n)
    {
        var a = RandomComplex(n * n, (ulong)n);
        var s = ComplexSvd.Decompose(a, n);
        Assert.True(ComplexMatrix.MaxAbsDifference(Reconstruct(s, n), a) < 1e-12);
        Assert.True(ComplexMatrix.UnitarityError(s.U, n) < 1e-12);
        Assert.True(ComplexMatrix.UnitarityError(s.V, n) < 1e-12);
        for (int i = 1; i < n; i++)
        {
            Assert.True(s.S[i] <= s.S[i - 1]);
        }
    }

    [Fact]
    public void ComplexSvd_RankDeficient_StillHasUnitaryU()
    {
        int n = 5;
        var x = RandomComplex(n, 1);
        var y = RandomComplex(n, 2);
        var a = new Complex[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[(i * n) + j] = x[i] * Complex.Conjugate(y[j]);
            }
        }
        var s = ComplexSvd.Decompose(a, n);
        Assert.True(s.S[1] < 1e-12 * s.S[0]);
        Assert.True(ComplexMatrix.UnitarityError(s.U, n) < 1e-12);
        Assert.True(ComplexMatrix.MaxAbsDifference(Reconstruct(s, n), a) < 1e-12);
    }

    [Fact]
    public void SvdMapping_RealizesComplexMatrix_TimesStatedGain()
    {
        int n = 8;
        var m = RandomComplex(n * n, 9);
        var map = SvdMapping<double>.FromMatrix(m, n, n);
        Assert.True(ComplexMatrix.MaxAbsDifference(map.RealizedMatrix(), m) < 1e-10);
        Assert.Equal(ComplexSvd.Decompose(m, n).S[0], map.Gain, 12);
    }

    [Fact]
    public void SvdMapping_RealRectangularMatrix_ThroughTheLayers()
    {
        var r = new Rng(3);
        double[] m = [.. Enumerable.Range(0, 15).Select(_ => r.Normal())];
        var map = SvdMapping<double>.FromMatrix(m, 3, 5);
        Assert.Equal(5, map.Modes);
        var x = MeshTests.RandomField(4, 5, 6);
        // Only inputs 0..cols-1 carry data; here cols = modes = 5.
        var y = map.Model.Forward(x, ForwardContext.Eval());
        for (int b = 0; b < 4; b++)
        {
            for (int i = 0; i < 3; i++)
            {
                Complex s = 0;
                for (int j = 0; j < 5; j++)
                {
                    s += m[(i * 5) + j] * new Complex(x[b, j], x[b, 5 + j]);
                }
                var got = map.Gain * new Complex(y[b, i], y[b, 5 + i]);
                Assert.True(Complex.Abs(s - got) < 1e-10, $"{s} vs {got}");
            }
        }
    }

    [Fact]
    public void AttenuatorColumn_IsPassive_AndGradientsMatchFiniteDifferences()
    {
        var att = new AttenuatorColumn<double>(4);
        att.SetAmplitudes([0.1, 0.5, 0.9, 1.0]);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(Complex.Abs(att.Transmission(i)) <= 1 + 1e-15);
        }
        Assert.Equal(0.5, att.Transmission(1).Real, 14);
        Assert.Equal(0, att.Transmission(1).Imaginary, 14);
        att.Theta.Value[0] = 0.3;
        att.Phi.Value[2] = 1.7;
        GradientCheck.Run(att, MeshTests.RandomField(3, 4, 2)).AssertWithin(1e-7);
        Assert.Throws<ArgumentException>(() => att.SetAmplitudes([0.1, 1.5, 0.2, 0.3]));
    }
}
