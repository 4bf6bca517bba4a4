using PnnKit.Bench.Reproductions;
using PnnKit.Core.Reproductions;

namespace PnnKit.Bench.Tests.Reproductions;

public class PhysicsAwareGapTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>A reduced gap experiment: one layer of 16 pendula on 4×4 images of the bundled MNIST subset, 1,000 examples, 3 epochs.</summary>
    private static readonly PhysicsAwareGapOptions Reduced = new()
    {
        Data = "mnist-subset",
        TrainCount = 1000,
        TestCount = 300,
        Side = 4,
        PhysicalLayers = 1,
        Epochs = 3,
        TwinSamples = 200,
        Twin = "calibrated",
        SamRho = 0.05,
        PerturbedInstances = 3,
    };

    [Fact]
    public void CalibratedTwin_AndSamWithPhysicsAwareGradients_ReducedRun()
    {
        var r = PhysicsAwareGap.Run(Reduced);
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(r));
        Assert.Equal("calibrated", r.Twin);
        Assert.Single(r.Twins);
        foreach (var t in r.Twins)
        {
            Assert.Equal(2 * 200, t.Measurements); // pairs × 2 repeats
            // The instance's nonlinearity is 10 % stronger: calibration should find a positive η and predict better.
            Assert.InRange(t.CalibratedEta, 0.02, 0.3);
            Assert.True(t.CalibratedHeldOutError < t.NominalHeldOutError, $"layer {t.Layer}: calibrated {t.CalibratedHeldOutError} vs nominal {t.NominalHeldOutError}");
        }
        // Every training example is measured once per layer per epoch, plus the test set; SAM measures each batch twice.
        int layers = r.PhysicalLayers;
        Assert.Equal(layers * ((Reduced.Epochs * 1000L) + 300), r.PhysicalQueries);
        var sam = Assert.IsType<SamPatResult>(r.Sam);
        Assert.Equal(layers * ((2 * Reduced.Epochs * 1000L) + 300), sam.PhysicalQueries);
        Assert.Equal(3, sam.SamPerturbed.Accuracies.Count);
        Assert.True(sam.PhysicsAwarePerturbed.Worst <= sam.PhysicsAwarePerturbed.Mean && sam.SamPerturbed.Worst <= sam.SamPerturbed.Mean);
        // No choice is made, so no validation part is held out.
        Assert.Equal(new PnnKit.Core.Data.SplitSizes(1000, 0, 300), r.Splits);
        // Sixteen pendula and 47 steps learn little (the full comparison is pnn repro pat), but above chance (10 %).
        // Pinned to what this reduced run printed (300 test digits, ±3 points).
        Assert.Equal(0.29, r.InSilicoOnTwin, 0.03);
        Assert.Equal(0.2467, r.InSilicoOnSystem, 0.03);
        Assert.Equal(0.2467, r.PhysicsAwareOnSystem, 0.03);
        Assert.Equal(0.2533, r.PhysicsAwareOnTwin, 0.03);
        Assert.Equal(0.2233, sam.OnSystem, 0.03);
        Assert.Equal(0.1778, sam.PhysicsAwarePerturbed.Mean, 0.03);
        Assert.Equal(0.2144, sam.SamPerturbed.Mean, 0.03);
    }

    [Theory]
    [InlineData("neural", 0.0, "Twin")]
    [InlineData("nominal", -0.1, "SamRho")]
    public void BadOptions_ThrowNamingTheSetting(string twin, double rho, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PhysicsAwareGap.Run(Reduced with { Twin = twin, SamRho = rho }));
        Assert.Equal(parameter, e.ParamName);
    }
    [Fact]
    public void PatReport_PrintsTheGap_TheTwins_AndTheSamTableWhenRun()
    {
        var r = new PhysicsAwareGapResult("mnist-subset", 1000, 300, 16, 1, 0.29, 0.25, 0.25, 0.25, 1300, "calibrated",
            [new TwinReport(1, 0.2, 0.1, 0.05, 400)], new SamPatResult(0.05, 0.22, 6300, new PerturbedAccuracy(0.18, 0.15, [0.18]), new PerturbedAccuracy(0.21, 0.2, [0.21])),
            new PnnKit.Core.Data.SplitSizes(1000, 0, 300));
        var result = new PatReproResult(Reduced, r);
        var tables = result.Report().Blocks.OfType<ReportTable>().ToList();
        Assert.Equal(3, tables.Count);
        Assert.StartsWith("Physics-aware training (Wright et al. 2022): 1 layers of 16 coupled pendula", tables[0].Title, StringComparison.Ordinal);
        Assert.Equal("physics-aware (forward on the instance, backward through the calibrated twin)", tables[0].Rows[1][0]);
        Assert.Equal(["1", $"{0.2:F4}", $"{0.1:F3}", $"{0.05:F4}", "400"], tables[1].Rows[0]);
        Assert.StartsWith("SAM with physics-aware gradients (ρ = 0.05): 3 perturbed copies", tables[2].Title, StringComparison.Ordinal);
        Assert.Equal(2, result.Report().Blocks.OfType<ReportLine>().Count());
        Assert.Same(r, result.Json());
        // Without a SAM run there is no SAM table.
        Assert.Equal(2, new PatReproResult(Reduced, r with { Sam = null }).Report().Blocks.OfType<ReportTable>().Count());
    }

    [Theory]
    [InlineData("twin", "neural", "pnn repro pat: --twin takes nominal or calibrated, got 'neural'.")]
    [InlineData("sam", "-1", "pnn repro pat: --sam takes a SAM radius ρ in [0, 10] (0: no SAM run), got '-1'.")]
    public void PatReproduction_RefusesABadTwinOrSam_BeforeRunning(string option, string value, string message)
    {
        var pat = Assert.IsType<PatReproduction>(ReproductionRegistry.Find("pat"));
        var e = Assert.Throws<ArgumentException>(() => pat.Run(new Args(option, value), new ReproContext(null)));
        Assert.Equal(message, e.Message);
    }

    /// <summary>One option given; every other read gets its fallback.</summary>
    private sealed class Args(string name, string value) : IReproArgs
    {
        public bool Flag(string flag) => false;

        public string? Value(string option) => option == name ? value : null;

        public int Int(string option, int fallback, int min, int max) => fallback;
    }
}
