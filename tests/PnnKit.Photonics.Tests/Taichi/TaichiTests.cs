using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Reproductions;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Meshes;
using PnnKit.Photonics.Reproductions;
using PnnKit.Photonics.Taichi;
using Xunit.Abstractions;

namespace PnnKit.Photonics.Tests.Taichi;

public class TaichiTests(ITestOutputHelper output)
{
    // 8×8 images in 2×2 blocks of 4×4 tiles on 8×8 planes, 4 apertures of 2×2 each: 16 modes, 4 classes.
    private static readonly TaichiGeometry Tiny = new() { ImageSide = 8, BlocksPerSide = 2, AperturesPerBlock = 4, Classes = 4 };

    private static readonly int[] BlockSides = [1, 2, 4, 7];

    private static Tensor<double> Images(int batch, int pixels, ulong seed)
    {
        var x = new Tensor<double>(batch, pixels);
        new Rng(seed).FillUniform(x.Span, 0, 1);
        return x;
    }

    private static double Power(ReadOnlySpan<double> field)
    {
        int n = field.Length / 2;
        double p = 0;
        for (int i = 0; i < n; i++)
        {
            p += (field[i] * field[i]) + (field[n + i] * field[n + i]);
        }
        return p;
    }

    [Fact]
    public void Tiny_Geometry_HasTheShapeItSays()
    {
        Assert.Equal(4, Tiny.Blocks);
        Assert.Equal(4, Tiny.TileSide);
        Assert.Equal(8, Tiny.GridSide);
        Assert.Equal(2, Tiny.ApertureSize);
        Assert.Equal(16, Tiny.Modes);
        Assert.Equal(8e-6, Tiny.PlaneSpacing, 1e-18);
        // Automatic apertures fill one 64-mode unit: 1 block → 16, 4 → 16, 16 → 4, 49 → 1.
        Assert.Equal([16, 16, 4, 1], BlockSides.Select(g => new TaichiGeometry { BlocksPerSide = g }.Apertures));
    }

    [Fact]
    public void RegionCoupler_GradientMatchesFiniteDifferences_AndIsPassive()
    {
        var coupler = new RegionCoupler<double>(8, 4, 2);
        var x = new Tensor<double>(3, 2, 64);
        new Rng(3).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(coupler, x).AssertWithin(1e-7);
        var y = coupler.Forward(x, ForwardContext.Eval());
        for (int b = 0; b < 3; b++)
        {
            Assert.True(Power(y.Row(b)) <= Power(x.Row(b)) * (1 + 1e-12));
        }
        // A field flat over one aperture couples all of its light: |Σ E / r|² = r²·|E|² = Σ|E|².
        var flat = new Tensor<double>(1, 2, 64);
        var regions = new Diffractive.DetectorRegions<double>(8, 4, 2);
        foreach (int p in regions.Region(2))
        {
            flat.Row(0)[p] = 0.5;
        }
        var a = coupler.Forward(flat, ForwardContext.Eval()).Row(0);
        Assert.Equal(4 * 0.25, (a[2] * a[2]) + (a[4 + 2] * a[4 + 2]), 1e-12);
    }

    [Fact]
    public void DiffractiveBlockArray_GradientMatchesFiniteDifferences_InDouble()
    {
        var blocks = new DiffractiveBlockArray<double>(Tiny, new Rng(5));
        Assert.Equal(4 * 2, blocks.Parameters.Count);
        GradientCheck.Run(blocks, Images(2, 64, 6), maxEntries: 24).AssertWithin(1e-6);
    }

    [Fact]
    public void DiffractiveBlockArray_IsPassive_AndEachBlockSeesOnlyItsTile()
    {
        var blocks = new DiffractiveBlockArray<double>(Tiny, new Rng(5));
        var x = Images(4, 64, 7);
        var y = blocks.Forward(x, ForwardContext.Eval());
        for (int b = 0; b < 4; b++)
        {
            double input = 0;
            foreach (double v in x.Row(b))
            {
                input += v * v;
            }
            double output = Power(y.Row(b));
            Assert.InRange(output, 1e-6 * input, input);
        }
        // Light in the top-left tile reaches only block 0's four waveguides.
        var one = new Tensor<double>(1, 64);
        one[0, (1 * 8) + 2] = 1;
        var field = blocks.Forward(one, ForwardContext.Eval()).Row(0);
        for (int m = 0; m < 16; m++)
        {
            double p = (field[m] * field[m]) + (field[16 + m] * field[16 + m]);
            if (m >= 4)
            {
                Assert.Equal(0, p);
            }
        }
    }

    [Fact]
    public void Network_GradientMatchesFiniteDifferences_InDouble()
    {
        var model = TaichiNetwork.Build<double>(Tiny, new Rng(8), outputGain: 2, flatMasks: false, interChipletGain: 0.3);
        Assert.IsType<DiffractiveBlockArray<double>>(model.Layers[0]);
        Assert.Equal(2, model.Layers.OfType<ClementsMesh<double>>().Count());
        var check = GradientCheck.Run(model, Images(2, 64, 9), () => ForwardContext.Eval(), maxEntries: 16, checkInput: false);
        // Every mesh ends in photodetectors, which read |E|²: its output phase screen changes nothing, so its gradient is zero.
        Assert.All(check.Entries.Where(e => e.Name == "output_phase"), e => Assert.True(e.AnalyticNorm < 1e-15, $"{e.AnalyticNorm}"));
        Assert.All(check.Entries.Where(e => e.Name != "output_phase"), e => Assert.True(e.RelativeError < 1e-6 && e.AnalyticNorm > 0, $"{e.Name}: {e.RelativeError}"));
        Assert.Equal(4 * 2, check.Entries.Count(e => e.Name == "phase"));
    }

    [Fact]
    public void Count_FollowsTheStatedConvention()
    {
        var c = TaichiNetwork.Count(Tiny);
        // 4 blocks × 2 masks × 8² pixels + 2 chiplets × 16·15/2 MZIs.
        Assert.Equal((4 * 2 * 64) + (2 * 120), c.Neurons);
        Assert.Equal((4 * 2 * 64) + (2 * 16 * 16), c.Parameters);
        // 3 dense propagations of 64 → 64 pixels per block, 4 apertures of 4 pixels, two 16×16 meshes.
        Assert.Equal((4 * 3 * 64 * 64) + (4 * 4 * 4) + (2 * 256), c.MacsPerInference);
        Assert.Equal(2 * c.MacsPerInference, c.OperationsPerInference);
        // Beyond 64 modes the interference stage is 64-mode units in parallel: 256 blocks × 1 aperture = 4 units.
        var big = TaichiNetwork.Count(new TaichiGeometry { ImageSide = 112, BlocksPerSide = 16 });
        Assert.Equal((4, 64), (big.InterferenceUnits, big.UnitModes));
    }

    [Fact]
    public void Estimate_EqualsTheCostLedger_OfAForwardPass()
    {
        var model = TaichiNetwork.Build<double>(Tiny, new Rng(8), outputGain: 2, flatMasks: false);
        var ledger = new CostLedger();
        var ctx = new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger };
        model.Forward(Images(3, 64, 10), ctx);
        ledger.RecordInferences(3);
        var costs = PhotonicCostModel.Default;
        double heaters = model.Layers.OfType<MziMesh<double>>().Sum(costs.HeaterPowerWatts);
        var e = TaichiNetwork.Estimate(Tiny, costs, heaters);
        double slot = 1 / costs.SymbolRateHz;
        Assert.Equal(ledger.SystemEnergyPerInference(slot), e.SystemJoules, e.SystemJoules * 1e-12);
        Assert.Equal(ledger.LatencySeconds, e.LatencySeconds, e.LatencySeconds * 1e-12);
        double light = ledger.Entries.Where(t => t.Category == CostCategory.Core).Sum(t => t.EnergyJoules) / 3; // the light is the core (PhotonicCostModel.ChargeLight)
        Assert.Equal(light, e.OpticalJoules, e.OpticalJoules * 1e-12);
        // Independently: 64 input pixels and 16 re-modulated modes at 1 mW for 0.1 ns each.
        Assert.Equal((64 + 16) * 1e-3 * 1e-10, e.OpticalJoules, 1e-24);
        // Heaters: the mean over random phases is P_π per phase (2 meshes × 16² phases × 20 mW).
        Assert.Equal(2 * 256 * 20e-3 / 1e10, TaichiNetwork.Estimate(Tiny).HeaterJoules, 1e-20);
    }

    [Fact]
    public void Geometry_RefusesOutOfRangeParameters_NamingThem()
    {
        var e = Assert.Throws<ArgumentException>(() => (Tiny with { Pitch = 0.5e-6 }).Validate());
        Assert.Contains("Pitch", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => (Tiny with { Wavelength = double.NaN }).Validate());
        Assert.Contains("Wavelength", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => (Tiny with { BlocksPerSide = 3 }).Validate());
        Assert.Contains("a divisor of ImageSide = 8", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => TaichiNetwork.Build<double>(Tiny, new Rng(1), double.NaN));
    }

    [Fact]
    public void MoreClassesThanModes_TakeABankOfMeshes_FedTheSameLight_Passive_WithAnExactGradient()
    {
        // 4 blocks × 1 aperture = 4 modes for 10 classes: the last chiplet is ⌈10 / 4⌉ = 3 meshes of 4 modes, 12 ports.
        var g = Tiny with { AperturesPerBlock = 1, Classes = 10 };
        Assert.Equal(3, g.OutputUnits);
        var model = TaichiNetwork.Build<double>(g, new Rng(3), outputGain: 2, flatMasks: false, interChipletGain: 0.3);
        var bank = Assert.Single(model.Layers.OfType<MeshBank<double>>());
        Assert.Equal((3, 4, 12), (bank.Units.Count, bank.Modes, bank.Outputs));
        Assert.Equal(4, TaichiNetwork.Meshes(model).Count());
        Assert.Equal(10, model.Forward(Images(2, 64, 4), ForwardContext.Eval()).Dim(1));
        var check = GradientCheck.Run(model, Images(2, 64, 5), () => ForwardContext.Eval(), maxEntries: 16, checkInput: false);
        Assert.All(check.Entries.Where(e => e.Name != "output_phase"), e => Assert.True(e.RelativeError < 1e-6 && e.AnalyticNorm > 0, $"{e.Name}: {e.RelativeError}"));
        Assert.All(bank.Units.SelectMany(u => u.Parameters), p => Assert.Contains(p, model.Parameters));

        // Unit u is its mesh on the light split 1/√U; lossless, the bank conserves power (a splitter tree and unitary meshes).
        var x = new Tensor<double>(3, 2, 4);
        new Rng(6).FillNormal(x.Span, 0, 1);
        var y = bank.Forward(x, ForwardContext.Eval());
        var split = new Tensor<double>(3, 2, 4);
        for (int i = 0; i < x.Length; i++)
        {
            split.Data[i] = x.Data[i] / Math.Sqrt(3);
        }
        var y1 = bank.Units[1].Forward(split, ForwardContext.Eval());
        for (int b = 0; b < 3; b++)
        {
            for (int m = 0; m < 4; m++)
            {
                Assert.Equal(y1.Row(b)[m], y.Row(b)[4 + m], 1e-14);
                Assert.Equal(y1.Row(b)[4 + m], y.Row(b)[12 + 4 + m], 1e-14);
            }
            Assert.Equal(Power(x.Row(b)), Power(y.Row(b)), 1e-12);
        }

        // The ledger still equals the estimate: the extra units add heaters, not light (one set of modes is re-launched).
        var ledger = new CostLedger();
        model.Forward(Images(3, 64, 10), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        ledger.RecordInferences(3);
        var costs = PhotonicCostModel.Default;
        var e = TaichiNetwork.Estimate(g, costs, TaichiNetwork.Meshes(model).Sum(costs.HeaterPowerWatts));
        Assert.Equal(ledger.SystemEnergyPerInference(1 / costs.SymbolRateHz), e.SystemJoules, e.SystemJoules * 1e-12);
        Assert.Equal((64 + 4) * 1e-3 * 1e-10, e.OpticalJoules, 1e-24);
        Assert.Equal((4 * 2 * 64) + (4 * 4 * 4), TaichiNetwork.Count(g).Parameters);
    }

    [Fact]
    public void Omniglot_RunsOnTheClosestDataHere_AndSaysSo()
    {
        var (dataset, note) = TaichiReproduction.Resolve("omniglot", Directory.CreateTempSubdirectory("pnnkit-no-omniglot-").FullName);
        Assert.Equal("mnist-subset", dataset);
        Assert.Contains("closest data here", note, StringComparison.Ordinal);
        Assert.Equal(("fashion-mnist", (string?)null), TaichiReproduction.Resolve("fashion-mnist"));
    }

    [Fact]
    public void Sweep_Small_LearnsDigits_AndReportsPublishedBesidePnnKit()
    {
        var options = new TaichiOptions { BlocksPerSide = [1, 2], TrainLimit = 600, TestLimit = 200, Epochs = 2, ScalingRows = 4, Instances = 0 };
        var r = TaichiReproduction.RunSweep(options);
        Assert.Equal(new Core.Data.SplitSizes(600, 200, 200), r.Splits);
        Assert.Equal([1, 4], r.Trained.Select(t => t.Blocks));
        foreach (var t in r.Trained)
        {
            // The ledger of the test pass and the analytic estimate agree.
            Assert.Equal(t.Estimate.SystemJoules, t.SystemJoules, t.SystemJoules * 1e-9);
            Assert.Equal(t.Estimate.OpticalJoules, t.OpticalJoules, t.OpticalJoules * 1e-9);
        }
        output.WriteLine(string.Join("; ", r.Trained.Select(t => $"{t.Blocks}: val {t.ValidationAccuracy} test {t.TestAccuracy} light {t.OpticalJoules} system {t.SystemJoules}")));
        // Chance is 10 %; two epochs on 600 digits: 55.5 % (1 block) and 51.5 % (4 blocks) test today (±6 points).
        Assert.Equal(0.555, r.Trained[0].TestAccuracy, 0.06);
        Assert.Equal(0.515, r.Trained[1].TestAccuracy, 0.06);
        // Light: 784 pixels + 16 (1 block) or 64 (4 blocks) re-modulated modes at 0.1 pJ each.
        Assert.Equal(80e-12, r.Trained[0].OpticalJoules, 1e-15);
        Assert.Equal(84.8e-12, r.Trained[1].OpticalJoules, 1e-15);
        Assert.Equal(r.Trained.MaxBy(t => t.ValidationAccuracy)!.Blocks, r.Chosen);
        Assert.Equal([1, 4, 16, 64], r.Scaling.Select(s => s.Blocks));
        var table = new TaichiReproResult(r).Report().Blocks.OfType<ReportTable>().First();
        Assert.Contains(table.Rows, row => row[1] == "91.89 %");
        Assert.Contains(table.Rows, row => row[1].StartsWith("160 TOPS/W", StringComparison.Ordinal));
    }

    [Fact]
    public void Instances_WithoutErrors_AreTheDesign_AndUncalibratedErrorsCostAccuracy()
    {
        var options = new TaichiOptions { TrainLimit = 400, TestLimit = 200, Epochs = 1 };
        var (train, validation, test) = TaichiReproduction.Load(options);
        var t = TaichiReproduction.Train(options, options.Geometry with { BlocksPerSide = 1 }, train, validation, test);
        var exact = TaichiReproduction.InstanceAccuracies(t.Model, test, MeshVariation.None, 1, 3);
        Assert.Equal(t.Result.TestAccuracy, exact[0]);
        var calibration = train.Features.SliceRows(0, 256);
        foreach (var (label, v) in new[] { ("phase 0.05 rad", MeshVariation.None with { PhaseErrorStd = 0.05 }), ("couplers 2 %", MeshVariation.None with { CouplerSplittingStd = 0.02 }), ("loss 0.2 dB", MeshVariation.None with { InsertionLossDb = 0.2 }), ("typical", MeshVariation.Typical) })
        {
            output.WriteLine($"{label}: {TaichiReproduction.InstanceAccuracies(t.Model, test, v, 2, 3, calibration).Average():P2} (design {t.Result.TestAccuracy:P2})");
        }
        Assert.True(TaichiReproduction.InstanceAccuracies(t.Model, test, MeshVariation.Typical, 2, 3, calibration).Average() < t.Result.TestAccuracy);
    }
}
