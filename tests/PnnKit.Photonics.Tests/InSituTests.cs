using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.InSitu;
using PnnKit.Photonics.Meshes;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class InSituTests(ITestOutputHelper output)
{
    private static MeshErrors LosslessErrors(int mzis, int modes, ulong seed) =>
        MeshTests.RandomErrors(mzis, modes, seed, crosstalk: 0) with { MziAmplitude = null };

    private static (double[] Analytic, double[] InSitu, InSituMesh<double> Layer, Tensor<double> AnalyticDx, Tensor<double> InSituDx) Both(
        MziMesh<double> mesh, InSituOptions? options = null, int batch = 5, ulong seed = 3)
    {
        var x = MeshTests.RandomField(batch, mesh.Modes, seed);
        var g = MeshTests.RandomField(batch, mesh.Modes, seed + 1);
        foreach (var p in mesh.Parameters)
        {
            p.ZeroGrad();
        }
        mesh.Forward(x, ForwardContext.Train(1));
        var dxA = mesh.Backward(g);
        var analytic = mesh.Parameters.SelectMany(p => p.Grad.Data).ToArray();
        foreach (var p in mesh.Parameters)
        {
            p.ZeroGrad();
        }
        var layer = new InSituMesh<double>(mesh, options ?? InSituOptions.NoiseFree);
        layer.Forward(x, ForwardContext.Train(1));
        var dxI = layer.Backward(g);
        var insitu = mesh.Parameters.SelectMany(p => p.Grad.Data).ToArray();
        return (analytic, insitu, layer, dxA, dxI);
    }

    private static double RelErr(double[] a, double[] b)
    {
        double d = 0, n = 0;
        for (int i = 0; i < a.Length; i++)
        {
            d += (a[i] - b[i]) * (a[i] - b[i]);
            n += a[i] * a[i];
        }
        return Math.Sqrt(d / n);
    }

    [Theory]
    [InlineData("clements", 4)]
    [InlineData("clements", 9)]
    [InlineData("reck", 6)]
    public void InSitu_EqualsAnalyticAdjoint_WhenNoiseOff_OnLosslessImperfectMesh(string kind, int n)
    {
        var mesh = MeshTests.Make<double>(kind, n, 7, LosslessErrors(n * (n - 1) / 2, n, 8));
        var (analytic, insitu, _, dxA, dxI) = Both(mesh);
        double err = RelErr(analytic, insitu);
        output.WriteLine($"{kind} N = {n}: in-situ vs analytic phase gradient, relative error {err:E2}");
        Assert.True(err < 1e-6, $"relative error {err:E2}");
        Assert.True(RelErr(dxA.Data, dxI.Data) < 1e-12);
    }

    [Fact]
    public void InSitu_MatchesFiniteDifferences_ForEveryPhaseAndTheInput()
    {
        var mesh = new ClementsMesh<double>(5, new Rng(4), LosslessErrors(10, 5, 2));
        var result = GradientCheck.Run(new InSituMesh<double>(mesh, InSituOptions.NoiseFree), MeshTests.RandomField(3, 5, 9), maxEntries: 100);
        output.WriteLine($"in-situ vs finite differences: {result}");
        result.AssertWithin(1e-6);
    }

    [Fact]
    public void InSitu_CountsThreeReadingsPerShifterPlusCoherentReadouts()
    {
        var mesh = new ClementsMesh<double>(4, new Rng(4));
        var (_, _, layer, _, _) = Both(mesh, batch: 7);
        // 6 MZIs → 12 shifters + 4 output phases = 16 shifters; 3·16 + 2·4 = 56 per sample.
        Assert.Equal(56, layer.MeasurementsPerSample);
        Assert.Equal(7 * 56, layer.MeasurementCount);
        Assert.Equal(28, layer.OpticalPasses);
    }

    [Fact]
    public void InSitu_DetectorNoise_PerturbsGradient_InProportionToNoise()
    {
        double Err(double std)
        {
            var mesh = new ClementsMesh<double>(6, new Rng(5));
            var (a, i, _, _, _) = Both(mesh, new InSituOptions { ThermalNoiseStd = std }, batch: 16);
            return RelErr(a, i);
        }
        double e1 = Err(1e-3), e2 = Err(1e-2);
        Assert.True(e1 > 1e-6, $"noise had no effect: {e1:E2}");
        Assert.InRange(e2 / e1, 5, 20);
    }

    [Fact]
    public void InSitu_WithInsertionLoss_IsBiased_LessWithTheTimeReversedReferencePass()
    {
        // 0.2 dB per cell, the default insertion loss.
        double alpha = new Components.WaveguideLoss(Components.WaveguideLoss.DefaultMziInsertionLossDb).AmplitudeTransmission;
        var errors = MeshTests.RandomErrors(15, 6, 3, crosstalk: 0) with { MziAmplitude = Enumerable.Repeat(alpha, 15).ToArray() };
        double Err(bool fourPass, out double cosine)
        {
            var (a, i, _, _, _) = Both(new ClementsMesh<double>(6, new Rng(6), errors), new InSituOptions { AdjointIntensityFromTimeReversedPass = fourPass });
            double dot = a.Zip(i, (p, q) => p * q).Sum();
            cosine = dot / Math.Sqrt(a.Sum(v => v * v) * i.Sum(v => v * v));
            return RelErr(a, i);
        }
        double three = Err(false, out double cos3), four = Err(true, out double cos4);
        output.WriteLine($"in-situ with 0.2 dB/cell loss: relative error {three:E2} (3 passes, cosine {cos3:F4}), {four:E2} (4 passes, cosine {cos4:F4})");
        Assert.InRange(three, 1e-4, 1);
        Assert.InRange(four, 1e-4, 1);
        Assert.True(cos4 > cos3, "the time-reversed reference pass should point closer to the true gradient");
        Assert.True(cos4 > 0.95);
    }

    [Fact]
    public void InSitu_ThreeAndFourPassProtocols_AgreeExactly_WhenLossless()
    {
        var mesh = new ClementsMesh<double>(5, new Rng(8), LosslessErrors(10, 5, 3));
        var (a, i3, l3, _, _) = Both(mesh, new InSituOptions { AdjointIntensityFromTimeReversedPass = false });
        var (_, i4, l4, _, _) = Both(mesh, new InSituOptions { AdjointIntensityFromTimeReversedPass = true });
        Assert.True(RelErr(a, i3) < 1e-12 && RelErr(a, i4) < 1e-12);
        Assert.Equal(15, l3.OpticalPasses);
        Assert.Equal(20, l4.OpticalPasses);
    }
}
