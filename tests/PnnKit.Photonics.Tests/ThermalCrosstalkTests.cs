using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Photonics.Calibration;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class ThermalCrosstalkTests(ITestOutputHelper output)
{
    [Fact]
    public void DefaultKernel_Gives3PercentAt50Micrometres_AndDecaysExponentially()
    {
        var t = ThermalCrosstalk.Default;
        // ln(1/0.03) = 3.506558, so L = 50 µm / 3.506558 = 14.2590 µm.
        Assert.Equal(14.2590e-6, t.DecayLengthMeters, 1e-10);
        Assert.Equal(0.03, t.Kernel(50e-6), 1e-12);
        Assert.Equal(0.03, t.NearestCoupling, 1e-12);
        Assert.Equal(0.03 * 0.03, t.Kernel(100e-6), 1e-12);
        Assert.Equal(1.0, t.Kernel(0), 1e-15);
        Assert.Equal(0.05, t.WithNearestCoupling(0.05).NearestCoupling, 1e-12);
    }

    [Fact]
    public void HeaterCoupling_OnTheClementsLayout_IsTheKernelOfTheHeaterDistances()
    {
        const int n = 8;
        var t = ThermalCrosstalk.Default;
        var layout = ClementsMesh<double>.Layout(n).ToList(); // column-major, like the mesh
        var coupling = t.Couple([.. layout.Select(p => p.Column)], [.. layout.Select(p => p.Mode)]);
        int m = layout.Count;
        int a = layout.IndexOf((0, 0)), b = layout.IndexOf((0, 2)), c = layout.IndexOf((1, 1)), far = layout.IndexOf((0, 6));
        // Neighbours of a column, 2 modes = 50 µm apart: 3 %; θ and φ of one cell, Λ/2 = 150 µm apart: 0.03³.
        Assert.Equal(0.03, coupling.Weight(a, b), 1e-12);
        Assert.Equal(Math.Pow(0.03, 3), coupling.Weight(a, m + a), 1e-12);
        // θ of (0, 0) at (150, 0) µm and φ of (1, 1) at (300, 25) µm: d = √(150² + 25²) µm.
        Assert.Equal(Math.Pow(0.03, Math.Sqrt((150.0 * 150) + (25 * 25)) / 50), coupling.Weight(a, m + c), 1e-12);
        Assert.Equal(coupling.Weight(b, a), coupling.Weight(a, b));
        Assert.Equal(0, coupling.Weight(a, a));
        Assert.Equal(Math.Pow(0.03, 3), coupling.Weight(a, far), 1e-12); // 150 µm across: still in the map

        // Apply against a brute-force sum Σ_j K(d_ij)·wrap(φ_j) over every other heater.
        var rng = new Rng(3);
        double[] theta = [.. Enumerable.Range(0, m).Select(_ => rng.Uniform(-4, 10))], phi = [.. Enumerable.Range(0, m).Select(_ => rng.Uniform(-4, 10))];
        var th = (double[])theta.Clone();
        var ph = (double[])phi.Clone();
        coupling.Apply(th, ph, adjoint: false);
        var all = theta.Concat(phi).ToArray();
        for (int h = 0; h < 2 * m; h++)
        {
            var (x, y) = t.HeaterPosition(layout[h % m].Column, layout[h % m].Mode, h < m);
            double leak = 0;
            for (int j = 0; j < 2 * m; j++)
            {
                if (j != h)
                {
                    var (xj, yj) = t.HeaterPosition(layout[j % m].Column, layout[j % m].Mode, j < m);
                    double wrapped = all[j] - (2 * Math.PI * Math.Floor(all[j] / (2 * Math.PI)));
                    leak += Math.Pow(0.03, Math.Sqrt(((x - xj) * (x - xj)) + ((y - yj) * (y - yj))) / 50e-6) * wrapped;
                }
            }
            double got = h < m ? th[h] : ph[h - m];
            Assert.Equal(all[h] + leak, got, 1e-6); // the map drops couplings below 1e-7 per rad
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void LosslessMesh_WithThermalCrosstalk_StaysUnitary_AndDiffersFromTheIdealOne(int n)
    {
        var ideal = new ClementsMesh<double>(n, new Rng(5));
        var hot = ideal.WithErrors(new MeshErrors { ThermalCrosstalk = ThermalCrosstalk.Default });
        var u = hot.TransferMatrix();
        double shift = ComplexMatrix.MaxAbsDifference(u, ideal.TransferMatrix());
        output.WriteLine($"N = {n}: max|U†U − I| = {ComplexMatrix.UnitarityError(u, n):E2}, max|U − U_ideal| = {shift:F3}");
        Assert.True(ComplexMatrix.UnitarityError(u, n) < 1e-12);
        Assert.True(shift > 0.05, $"crosstalk moved U by only {shift}");
    }

    [Fact]
    public void ZeroKernel_ReproducesTheMeshWithoutCrosstalk()
    {
        const int n = 8;
        var errors = MeshTests.RandomErrors(n * (n - 1) / 2, n, 4, crosstalk: 0) with { DacBits = 12 };
        var mesh = new ClementsMesh<double>(n, new Rng(7));
        var without = mesh.WithErrors(errors).TransferMatrix();
        var zero = mesh.WithErrors(errors with { ThermalCrosstalk = ThermalCrosstalk.Default with { Strength = 0 } }).TransferMatrix();
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(without, zero));
    }

    [Fact]
    public void NeighbourFractionAndThermalModel_CannotBothBeSet()
    {
        var e = Assert.Throws<ArgumentException>(() => new ClementsMesh<double>(4, errors: new MeshErrors { NeighbourCrosstalk = 0.03, ThermalCrosstalk = ThermalCrosstalk.Default }));
        Assert.Contains("NeighbourCrosstalk", e.Message);
        Assert.Contains("Strength", Assert.Throws<ArgumentException>(() => new ClementsMesh<double>(4, errors: new MeshErrors { ThermalCrosstalk = ThermalCrosstalk.Default with { Strength = -1 } })).Message);
    }

    [Theory]
    [InlineData("clements", 6)]
    [InlineData("reck", 5)]
    public void Mesh_WithThermalCrosstalk_GradientsMatchFiniteDifferences(string kind, int n)
    {
        // A strong kernel (30 % to the nearest heater) so an error in its adjoint would show.
        var errors = MeshTests.RandomErrors(n * (n - 1) / 2, n, 21, crosstalk: 0) with { ThermalCrosstalk = ThermalCrosstalk.Default.WithNearestCoupling(0.3) };
        var mesh = MeshTests.Make<double>(kind, n, 31, errors);
        var result = GradientCheck.Run(mesh, MeshTests.RandomField(3, n, 4), maxEntries: 200);
        output.WriteLine($"{kind} N = {n}: {result}");
        result.AssertWithin(1e-6);
    }

    [Fact]
    public void Calibration_FitsTheThermalKernelStrength_AndBeatsTheTwinWithout()
    {
        const int n = 8;
        var target = ComplexMatrix.RandomUnitary(n, new Rng(8));
        var variation = new MeshVariation { CouplerSplittingStd = MeshVariation.DefaultCouplerSplittingStd, PhaseErrorStd = MeshVariation.DefaultPhaseErrorStd, ThermalCrosstalk = ThermalCrosstalk.Default };
        var without = MeshCalibration.Calibrate(new ClementsMesh<double>(n).Fabricate(variation, 3).Mesh, target);
        var with = MeshCalibration.Calibrate(new ClementsMesh<double>(n).Fabricate(variation, 3).Mesh, target, new CalibrationOptions { FitCrosstalk = true, ThermalLayout = ThermalCrosstalk.Default });
        double nearest = with.Estimated.ThermalCrosstalk!.NearestCoupling;
        output.WriteLine($"thermal kernel, 3 % nearest: estimate {nearest:F4}; fidelity {without.FidelityBefore:F5} → {without.FidelityAfter:F5} without (residual {without.FitResidual:E2}), {with.FidelityAfter:F5} with the fit (residual {with.FitResidual:E2})");
        Assert.InRange(nearest, 0.02, 0.04);
        Assert.True(with.FitResidual < 0.5 * without.FitResidual, $"residual {with.FitResidual} vs {without.FitResidual}");
        Assert.True(1 - with.FidelityAfter < 0.5 * (1 - without.FidelityAfter), $"{with.FidelityAfter} vs {without.FidelityAfter}");
    }
}
