using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Converters;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

/// <summary>The measured in-situ readings: detector noise, ADC, power-limited and imperfect adjoint source.</summary>
public class InSituMeasurementTests(ITestOutputHelper output)
{
    private const int Modes = 4;

    private static ClementsMesh<double> Mesh() => new(Modes, new Rng(21));

    /// <summary>One draw of the in-situ phase gradient (batch of one) for the Forward seed <paramref name="seed"/>.</summary>
    private static double[] Draw(ClementsMesh<double> mesh, InSituOptions options, Tensor<double> x, Tensor<double> g, ulong seed, out Tensor<double> dx)
    {
        foreach (var p in mesh.Parameters)
        {
            p.ZeroGrad();
        }
        var layer = new InSituMesh<double>(mesh, options);
        layer.Forward(x, ForwardContext.Train(seed));
        dx = layer.Backward(g);
        return [.. mesh.Parameters.SelectMany(p => p.Grad.Data)];
    }

    private static double[] Exact(ClementsMesh<double> mesh, Tensor<double> x, Tensor<double> g) =>
        Draw(mesh, InSituOptions.NoiseFree, x, g, 0, out _);

    [Fact]
    public void Measured_IsBuiltFromTheDetectorPhysics()
    {
        var m = InSituOptions.Measured;
        // TIA 20 pA/√Hz over 10 GHz = 2 µA, at 1 A/W = 2 µW, per 1 mW unit = 2.0e-3 (dark-current shot adds 4 ppm).
        Assert.Equal(2.0e-3, m.ThermalNoiseStd, 1e-8);
        // 2·q·B/R = 3.2e-9 W per W, per 1 mW unit = 3.2e-6.
        Assert.Equal(2 * PhotodetectorNoise.ElementaryCharge * 10e9 / 1e-3, m.ShotNoiseFactor, 1e-15);
        Assert.Equal(8, m.AdcBits);
        Assert.Equal(1.0, m.AdjointPowerPerMode);
        Assert.True(m.IsNoisy && !m.IsExact);
        Assert.True(InSituOptions.NoiseFree.IsExact);
    }

    [Fact]
    public void ThermalNoise_OnAGradientReading_HasThePredictedStd()
    {
        // Per sample and shifter, (I_s − I_f − I_a)/2 carries three independent readings of std σ: variance 3σ²/4.
        // The noisy coherent reading of x_adj (σ_c² = 2σ²/4 per quadrature against a 1-unit LO) makes x_TR, whose
        // error at the tap, δa, enters as Re(conj(v)·δa): variance σ_c²·|v|² (a row of a unitary prefix has unit norm).
        var mesh = Mesh();
        var x = MeshTests.RandomField(1, Modes, 31);
        var g = MeshTests.RandomField(1, Modes, 32);
        var exact = Exact(mesh, x, g);
        mesh.Forward(x, ForwardContext.Eval());
        var vRe = new double[mesh.ShifterCount];
        var vIm = new double[mesh.ShifterCount];
        mesh.ForwardShifterFields(vRe, vIm);
        double MeasuredVariance(double sigma, out double predicted)
        {
            const int draws = 3000;
            var sum = new double[exact.Length];
            var sq = new double[exact.Length];
            for (int d = 0; d < draws; d++)
            {
                var est = Draw(mesh, new InSituOptions { ThermalNoiseStd = sigma }, x, g, 1000 + (ulong)d, out _);
                for (int k = 0; k < est.Length; k++)
                {
                    double e = est[k] - exact[k];
                    sum[k] += e;
                    sq[k] += e * e;
                }
            }
            // Parameters order θ, φ, output phases is the shifter order of the taps.
            predicted = 0;
            double measured = 0;
            for (int k = 0; k < exact.Length; k++)
            {
                double v2 = (vRe[k] * vRe[k]) + (vIm[k] * vIm[k]);
                double p = (0.75 * sigma * sigma) + (0.5 * sigma * sigma * v2);
                double m = (sq[k] / draws) - Math.Pow(sum[k] / draws, 2);
                Assert.InRange(m / p, 0.85, 1.15);
                predicted += p;
                measured += m;
            }
            return measured;
        }
        double m1 = MeasuredVariance(1e-3, out double p1), m2 = MeasuredVariance(1e-2, out double p2);
        output.WriteLine($"σ = 1e-3: summed variance {m1:E3} vs predicted {p1:E3}; σ = 1e-2: {m2:E3} vs {p2:E3}");
        Assert.InRange(m1 / p1, 0.95, 1.05);
        Assert.InRange(m2 / p2, 0.95, 1.05);
    }

    [Fact]
    public void AdcBits_QuantizeEveryReading()
    {
        // Noise off, 6-bit ADC: each tap reading is a multiple of lsb = 16/63 (full scale 4·N), so each gradient is a
        // multiple of lsb/2; each coherent quadrature sits on the ±√N grid of 64 levels.
        var mesh = Mesh();
        var x = MeshTests.RandomField(1, Modes, 41);
        var g = MeshTests.RandomField(1, Modes, 42);
        var exact = Exact(mesh, x, g);
        double ErrorAt(int bits, bool checkGrid)
        {
            var est = Draw(mesh, new InSituOptions { AdcBits = bits }, x, g, 1, out var dx);
            if (checkGrid)
            {
                double lsb = InSituOptions.DefaultAdcFullScalePerMode * Modes / ((1 << bits) - 1);
                foreach (var e in est)
                {
                    double units = e / (lsb / 2);
                    Assert.True(Math.Abs(units - Math.Round(units)) < 1e-9, $"gradient {e} is not on the lsb/2 grid");
                }
                double fs = Math.Sqrt(Modes), clsb = 2 * fs / ((1 << bits) - 1);
                foreach (var q in dx.Data)
                {
                    double units = (q + fs) / clsb;
                    Assert.True(Math.Abs(units - Math.Round(units)) < 1e-9, $"quadrature {q} is not on the ADC grid");
                }
            }
            return Math.Sqrt(est.Zip(exact, (a, b) => (a - b) * (a - b)).Sum() / exact.Sum(v => v * v));
        }
        double e6 = ErrorAt(6, true), e12 = ErrorAt(12, false);
        output.WriteLine($"relative gradient error: 6 bits {e6:E2}, 12 bits {e12:E2}");
        Assert.True(e6 > 1e-3, $"6 bits changed nothing: {e6:E2}");
        Assert.True(e12 < e6 / 10, $"12 bits {e12:E2} vs 6 bits {e6:E2}");
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(1e3)]
    public void PowerLimitedAdjoint_IsRescaledBack_Unbiased(double gradientScale)
    {
        // The source is scaled to 1 unit per mode whatever the gradient's size, and generated with 1 % amplitude
        // errors; the readings are divided back. Mean over draws: the exact gradient; spread: relative to |g|.
        var mesh = Mesh();
        var x = MeshTests.RandomField(1, Modes, 51);
        var g = MeshTests.RandomField(1, Modes, 52);
        for (int i = 0; i < g.Length; i++)
        {
            g.Data[i] *= gradientScale;
        }
        var exact = Exact(mesh, x, g);
        Draw(mesh, InSituOptions.NoiseFree, x, g, 0, out var dx0);
        var options = new InSituOptions { ThermalNoiseStd = 1e-2, AdjointPowerPerMode = 1, SourceAmplitudeErrorStd = 0.01 };
        const int draws = 2000;
        var mean = new double[exact.Length];
        var dxMean = new double[dx0.Length];
        double spread = 0;
        for (int d = 0; d < draws; d++)
        {
            var est = Draw(mesh, options, x, g, 5000 + (ulong)d, out var dx);
            for (int k = 0; k < est.Length; k++)
            {
                mean[k] += est[k] / draws;
                spread += (est[k] - exact[k]) * (est[k] - exact[k]) / draws;
            }
            for (int k = 0; k < dx.Length; k++)
            {
                dxMean[k] += dx.Data[k] / draws;
            }
        }
        double norm = Math.Sqrt(exact.Sum(v => v * v));
        double bias = Math.Sqrt(mean.Zip(exact, (a, b) => (a - b) * (a - b)).Sum()) / norm;
        double relSpread = Math.Sqrt(spread) / norm;
        double dxBias = Math.Sqrt(dxMean.Zip(dx0.Data, (a, b) => (a - b) * (a - b)).Sum() / dx0.Data.Sum(v => v * v));
        output.WriteLine($"gradient × {gradientScale}: relative bias of the mean {bias:E2}, relative spread of one draw {relSpread:E2}, input-gradient bias {dxBias:E2}");
        // The mean's error is the spread over √draws (≈ 2 %) with margin; a missed rescale would be off by orders of magnitude.
        Assert.True(bias < 4 * relSpread / Math.Sqrt(draws), $"bias {bias:E2}, spread {relSpread:E2}");
        Assert.True(dxBias < 5e-3, $"input gradient bias {dxBias:E2}");
        // Normalized to the laser's power, the spread relative to the gradient does not depend on the gradient's size.
        Assert.InRange(relSpread, 0.005, 0.05);
    }

    [Fact]
    public void BadSettings_AreRefused_NamingTheField()
    {
        var mesh = Mesh();
        Assert.Equal("AdcBits", Assert.Throws<ArgumentOutOfRangeException>(() => new InSituMesh<double>(mesh, new InSituOptions { AdcBits = 30 })).ParamName);
        Assert.Equal("AdjointPowerPerMode", Assert.Throws<ArgumentOutOfRangeException>(() => new InSituMesh<double>(mesh, new InSituOptions { AdjointPowerPerMode = 0 })).ParamName);
        Assert.Equal("AdcFullScalePerMode", Assert.Throws<ArgumentOutOfRangeException>(() => new InSituMesh<double>(mesh, new InSituOptions { AdcFullScalePerMode = double.NaN })).ParamName);
        Assert.Contains("SourcePhaseErrorStd", Assert.Throws<ArgumentException>(() => new InSituMesh<double>(mesh, new InSituOptions { SourcePhaseErrorStd = -1 })).Message, StringComparison.Ordinal);
    }
}
