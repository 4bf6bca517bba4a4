using PnnKit.Core.Random;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests;

public class FabricationTests(ITestOutputHelper output)
{
    private static ClementsMesh<double> Design(int n = 8) => new(n, new Rng(1));

    [Fact]
    public void Fabricate_IsReproducible_AndLeavesTheDesignUntouched()
    {
        var design = Design();
        var before = design.TransferMatrix();
        var a = design.Fabricate(MeshVariation.Typical, 5).Mesh.TransferMatrix();
        var b = design.Fabricate(MeshVariation.Typical, 5).Mesh.TransferMatrix();
        var c = design.Fabricate(MeshVariation.Typical, 6).Mesh.TransferMatrix();
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(a, b));
        Assert.True(ComplexMatrix.MaxAbsDifference(a, c) > 1e-3);
        Assert.Equal(0, ComplexMatrix.MaxAbsDifference(before, design.TransferMatrix()));
        Assert.True(design.Errors.IsIdeal);
        Assert.IsType<ClementsMesh<double>>(design.Fabricate(MeshVariation.None, 1).Mesh);
    }

    [Fact]
    public void Fabricate_WithNoVariation_ReproducesTheDesign()
    {
        var design = Design();
        var inst = design.Fabricate(MeshVariation.None, 9);
        Assert.True(inst.Mesh.Errors.IsIdeal);
        Assert.True(ComplexMatrix.MaxAbsDifference(design.TransferMatrix(), inst.At(3600).TransferMatrix()) < 1e-15);
    }

    public static TheoryData<string> Terms => ["coupler", "phase", "loss", "crosstalk", "dac"];

    private static MeshVariation Only(string term) => term switch
    {
        "coupler" => new MeshVariation { CouplerSplittingStd = MeshVariation.DefaultCouplerSplittingStd },
        "phase" => new MeshVariation { PhaseErrorStd = MeshVariation.DefaultPhaseErrorStd },
        "loss" => new MeshVariation { InsertionLossDb = 0.2 },
        "crosstalk" => new MeshVariation { NeighbourCrosstalk = MeshVariation.DefaultNeighbourCrosstalk },
        "dac" => new MeshVariation { DacBits = 6 },
        _ => throw new ArgumentException(term),
    };

    [Theory]
    [MemberData(nameof(Terms))]
    public void EachNonIdeality_SwitchesOnAlone_AndDegradesFidelity(string term)
    {
        var design = Design();
        var target = design.TransferMatrix();
        var mesh = design.Fabricate(Only(term), 3).Mesh;
        var e = mesh.Errors;
        Assert.Equal(term == "coupler", e.Coupler1Ratio is not null);
        Assert.Equal(term == "phase", e.ThetaOffset is not null);
        Assert.Equal(term == "loss", e.MziAmplitude is not null);
        Assert.Equal(term == "crosstalk", e.NeighbourCrosstalk != 0);
        Assert.Equal(term == "dac", e.DacBits != 0);
        double f = ComplexMatrix.Fidelity(target, mesh.TransferMatrix(), 8);
        output.WriteLine($"{term}: fidelity {f:F6}");
        Assert.InRange(f, 0.5, 1 - 1e-9);
    }

    [Fact]
    public void SwitchingOneTermOff_LeavesTheOtherSamplesUnchanged()
    {
        var full = MeshVariation.Typical.Sample(28, 8, 4);
        var noLoss = (MeshVariation.Typical with { InsertionLossDb = 0, InsertionLossStdDb = 0 }).Sample(28, 8, 4);
        Assert.Null(noLoss.MziAmplitude);
        Assert.Equal(full.ThetaOffset, noLoss.ThetaOffset);
        Assert.Equal(full.Coupler1Ratio, noLoss.Coupler1Ratio);
    }

    [Fact]
    public void TypicalVariation_Fidelity_IsHighButNotPerfect_ForN16()
    {
        var design = new ClementsMesh<double>(16);
        var u = ComplexMatrix.RandomUnitary(16, new Rng(2));
        UnitaryDecomposition.Clements(u, 16).ApplyTo(design);
        var fidelities = Enumerable.Range(0, 5).Select(s => ComplexMatrix.Fidelity(u, design.Fabricate(MeshVariation.Typical, (ulong)s).Mesh.TransferMatrix(), 16)).ToArray();
        output.WriteLine($"N = 16, typical variation: fidelity {string.Join(", ", fidelities.Select(f => f.ToString("F4")))}");
        Assert.All(fidelities, f => Assert.InRange(f, 0.5, 0.999));
    }
}
