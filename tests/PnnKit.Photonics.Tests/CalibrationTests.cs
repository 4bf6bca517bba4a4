using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Calibration;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class CalibrationTests(ITestOutputHelper output)
{
    [Fact]
    public void CouplerAngleGradients_MatchFiniteDifferences()
    {
        int n = 5, mzis = 10;
        var r = new Rng(3);
        var r1 = Enumerable.Range(0, mzis).Select(_ => 0.5 + (0.05 * r.Normal())).ToArray();
        var r2 = Enumerable.Range(0, mzis).Select(_ => 0.5 + (0.05 * r.Normal())).ToArray();
        var mesh = new ClementsMesh<double>(n, new Rng(4), new MeshErrors { Coupler1Ratio = r1, Coupler2Ratio = r2, MziAmplitude = [.. Enumerable.Repeat(0.95, mzis)] });
        var x = MeshTests.RandomField(3, n, 5);
        var probe = MeshTests.RandomField(3, n, 6);
        double Loss()
        {
            var y = mesh.Forward(x, ForwardContext.Eval());
            return y.Data.Zip(probe.Data, (a, b) => a * b).Sum();
        }
        Loss();
        var d1 = new double[mzis];
        var d2 = new double[mzis];
        mesh.BackwardWithCouplerGradients(probe, d1, d2);
        const double h = 1e-6;
        foreach (var (ratios, analytic) in new[] { (r1, d1), (r2, d2) })
        {
            for (int i = 0; i < mzis; i++)
            {
                double a = Math.Asin(Math.Sqrt(ratios[i]));
                ratios[i] = Math.Pow(Math.Sin(a + h), 2);
                double lp = Loss();
                ratios[i] = Math.Pow(Math.Sin(a - h), 2);
                double lm = Loss();
                ratios[i] = Math.Pow(Math.Sin(a), 2);
                Assert.Equal((lp - lm) / (2 * h), analytic[i], 1e-7);
            }
        }
    }

    [Fact]
    public void Calibration_FromIntensitiesOnly_RaisesFidelity_N16()
    {
        int n = 16;
        var target = ComplexMatrix.RandomUnitary(n, new Rng(8));
        var variation = new MeshVariation { CouplerSplittingStd = MeshVariation.DefaultCouplerSplittingStd, PhaseErrorStd = MeshVariation.DefaultPhaseErrorStd };
        var device = new ClementsMesh<double>(n).Fabricate(variation, 3).Mesh;
        var result = MeshCalibration.Calibrate(device, target);
        output.WriteLine($"N = {n}: fidelity before {result.FidelityBefore:F6}, after {result.FidelityAfter:F6}, fit residual {result.FitResidual:E2}, {result.Measurements} readings");
        Assert.True(result.FidelityAfter > result.FidelityBefore);
        Assert.True(1 - result.FidelityAfter < 0.2 * (1 - result.FidelityBefore), "calibration should remove most of the infidelity");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Calibration_FromIntensitiesOnly_RaisesFidelity_N64()
    {
        int n = 64;
        var target = ComplexMatrix.RandomUnitary(n, new Rng(9));
        var variation = new MeshVariation { CouplerSplittingStd = MeshVariation.DefaultCouplerSplittingStd, PhaseErrorStd = MeshVariation.DefaultPhaseErrorStd };
        var device = new ClementsMesh<double>(n).Fabricate(variation, 4).Mesh;
        var result = MeshCalibration.Calibrate(device, target, new CalibrationOptions { ProgramIterations = 300 });
        output.WriteLine($"N = {n}: fidelity before {result.FidelityBefore:F6}, after {result.FidelityAfter:F6}, fit residual {result.FitResidual:E2}, {result.Measurements} readings");
        Assert.True(result.FidelityAfter > result.FidelityBefore);
        Assert.True(1 - result.FidelityAfter < 0.2 * (1 - result.FidelityBefore), "calibration should remove most of the infidelity");
    }
}
