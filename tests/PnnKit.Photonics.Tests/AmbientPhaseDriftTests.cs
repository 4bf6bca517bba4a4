using PnnKit.Core.Random;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Tests;

public class AmbientPhaseDriftTests
{
    [Fact]
    public void Drift_IsTwoPiDnDtTimesImbalanceTimesDeltaTOverLambda()
    {
        // 2π · 1.8e-4 /K · 1 µm / 1.55 µm = 7.2966e-4 rad per K.
        Assert.Equal(7.2966e-4, AmbientPhaseDrift.Phase(1e-6, 1), 1e-8);
        Assert.Equal(-7.2966e-3, AmbientPhaseDrift.Phase(1e-6, -10), 1e-7);
        Assert.Equal(0, AmbientPhaseDrift.Phase(0, 10));
    }

    [Fact]
    public void Instance_AtRoomTemperature_IsTheProgrammedMesh_AndWarmer_ShiftsEachOffsetByItsDrift()
    {
        var design = new ClementsMesh<double>(6, new Rng(3));
        var instance = design.Fabricate(MeshVariation.Typical, 4);
        Assert.Same(instance.Mesh, instance.At(0));
        var e = instance.Mesh.Errors;
        Assert.Equal(15, e.ThetaPathImbalance!.Length);

        var warm = instance.At(0, 310);
        for (int i = 0; i < 15; i++)
        {
            Assert.Equal(e.ThetaOffset![i] + (2 * Math.PI * 1.8e-4 * e.ThetaPathImbalance[i] * 10 / 1.55e-6), warm.Errors.ThetaOffset![i], 1e-15);
            Assert.Equal(e.PhiOffset![i] + (2 * Math.PI * 1.8e-4 * e.PhiPathImbalance![i] * 10 / 1.55e-6), warm.Errors.PhiOffset![i], 1e-15);
        }
        double moved = ComplexMatrix.MaxAbsDifference(instance.Mesh.TransferMatrix(), warm.TransferMatrix());
        Assert.InRange(moved, 1e-4, 0.1); // mrad-scale drift per arm pair at +10 K
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(instance.Mesh.TransferMatrix(), design.Fabricate(MeshVariation.Typical with { PathImbalanceStdMeters = 0 }, 4).Mesh.TransferMatrix()));
    }

    [Fact]
    public void Imbalance_IsSampledWithItsStd_FromItsOwnStream()
    {
        var e = MeshVariation.Typical.Sample(2016, 64, 7);
        double rms = Math.Sqrt(e.ThetaPathImbalance!.Concat(e.PhiPathImbalance!).Average(v => v * v));
        Assert.InRange(rms, 0.95e-6, 1.05e-6); // 4,032 draws of σ = 1 µm
        var without = (MeshVariation.Typical with { PathImbalanceStdMeters = 0 }).Sample(2016, 64, 7);
        Assert.Null(without.ThetaPathImbalance);
        Assert.Equal(e.Coupler1Ratio, without.Coupler1Ratio);
    }

    [Fact]
    public void NonPositiveTemperature_IsRefused_NamingIt()
    {
        var instance = new ClementsMesh<double>(4).Fabricate(MeshVariation.Typical, 1);
        Assert.Equal("temperatureKelvin", Assert.Throws<ArgumentOutOfRangeException>(() => instance.At(0, -5)).ParamName);
    }
}
