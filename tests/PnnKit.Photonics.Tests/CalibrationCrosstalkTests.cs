using PnnKit.Core.Random;
using PnnKit.Photonics.Calibration;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class CalibrationCrosstalkTests(ITestOutputHelper output)
{
    private static readonly MeshVariation Typical = new() { CouplerSplittingStd = MeshVariation.DefaultCouplerSplittingStd, PhaseErrorStd = MeshVariation.DefaultPhaseErrorStd };

    [Fact]
    public void FittingCrosstalk_EstimatesIt_AndBeatsTheTwinWithout()
    {
        const int n = 8;
        var target = ComplexMatrix.RandomUnitary(n, new Rng(8));
        var variation = Typical with { NeighbourCrosstalk = MeshVariation.DefaultNeighbourCrosstalk };
        var without = MeshCalibration.Calibrate(new ClementsMesh<double>(n).Fabricate(variation, 3).Mesh, target);
        var with = MeshCalibration.Calibrate(new ClementsMesh<double>(n).Fabricate(variation, 3).Mesh, target, new CalibrationOptions { FitCrosstalk = true });
        output.WriteLine($"crosstalk {variation.NeighbourCrosstalk}: estimate {with.Estimated.NeighbourCrosstalk:F4}; fidelity {without.FidelityBefore:F5} → {without.FidelityAfter:F5} without, {with.FidelityAfter:F5} with the fit");
        Assert.InRange(with.Estimated.NeighbourCrosstalk, 0.02, 0.04);
        Assert.True(1 - with.FidelityAfter < 0.5 * (1 - without.FidelityAfter), $"{with.FidelityAfter} vs {without.FidelityAfter}");
    }

    [Fact]
    public void UniformInsertionLoss_IsFitted_AsOneCellTransmission()
    {
        const int n = 8;
        var target = ComplexMatrix.RandomUnitary(n, new Rng(8));
        // 0.5 dB in every cell, no spread: 4 dB through the mesh, the same on every path.
        var device = new ClementsMesh<double>(n).Fabricate(Typical with { InsertionLossDb = 0.5 }, 3).Mesh;
        var lossless = MeshCalibration.Calibrate(new ClementsMesh<double>(n).Fabricate(Typical with { InsertionLossDb = 0.5 }, 3).Mesh, target);
        var r = MeshCalibration.Calibrate(device, target, new CalibrationOptions { FitUniformLoss = true });
        double amplitude = r.Estimated.MziAmplitude![0], expected = Math.Pow(10, -0.5 / 20);
        output.WriteLine($"uniform loss: cell transmission {amplitude:F5} (true {expected:F5}); fidelity {r.FidelityBefore:F5} → {r.FidelityAfter:F5} ({lossless.FidelityAfter:F5} with a lossless twin), residual {r.FitResidual:E2}");
        Assert.Equal(expected, amplitude, 2e-3);
        // Edge paths cross fewer cells, so even a perfect twin cannot make the lossy mesh unitary; it still beats the lossless twin clearly.
        Assert.True(1 - r.FidelityAfter < 0.5 * (1 - lossless.FidelityAfter), $"{r.FidelityAfter} vs {lossless.FidelityAfter}");
    }
}
