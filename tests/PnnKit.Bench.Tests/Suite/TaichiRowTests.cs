using PnnKit.Bench.Suite;
using Xunit.Abstractions;

namespace PnnKit.Bench.Tests.Suite;

public class TaichiRowTests(ITestOutputHelper output)
{
    [Fact]
    public void QuickRow_IsAPhotonicRowOnTheMnistSubset_WithLightAndSystemEnergy()
    {
        var row = TaichiRow.Row(1, quick: true);
        output.WriteLine($"{row.Model}: test {row.IdealAccuracy:P2}, instances {row.InstanceMean:P2} / {row.InstanceP5:P2} / {row.InstanceWorst:P2}, core {row.CoreEnergyJoules:E3} J, system {row.SystemEnergyJoules:E3} J, latency {row.LatencySeconds:E3} s; {row.Note}");
        Assert.Equal("mnist-subset", row.Task);
        Assert.Equal("photonic", row.SubstrateClass);
        Assert.StartsWith("Taichi: 4 diffractive blocks (14×14 tiles", row.Model, StringComparison.Ordinal);
        Assert.Equal(new Core.Data.SplitSizes(2000, 800, 2000), row.Splits);
        // Three epochs on 2,000 digits: 77.40 % test today (±5 points); chance is 10 %.
        Assert.Equal(0.774, row.IdealAccuracy, 0.05);
        Assert.Equal(5, row.Instances);
        Assert.Equal(row.InstanceMean, row.DeployedAccuracy);
        Assert.True(row.InstanceWorst <= row.InstanceMean && row.InstanceMean <= row.IdealAccuracy + 0.02);
        // Five fabricated copies with the typical MZI errors (the thermal kernel included), each mesh recalibrated from its
        // output intensities with the kernel's strength fitted: 69.77 % mean today (± 5 points); as fabricated they fall to
        // chance (9.11 %, in the note): two cascaded 64-mode meshes do not survive uncorrected errors.
        Assert.Equal(0.6977, row.InstanceMean!.Value, 0.05);
        Assert.Contains("fitted; 9.11 % mean without it)", row.Note, StringComparison.Ordinal);
        // Light: 784 input pixels and 64 re-modulated modes at 1 mW for 0.1 ns each.
        Assert.Equal(84.8e-12, row.CoreEnergyJoules, 1e-15);
        // System 22.9 nJ today, most of it the heaters of 2 × 4,096 phases over one 0.1 ns slot (mean P_π each: 16.4 nJ).
        Assert.Equal(22.93e-9, row.SystemEnergyJoules, 1.5e-9);
        Assert.NotNull(row.LatencySeconds);
        Assert.InRange(row.LatencySeconds!.Value, 0.1e-9, 10e-9);
        // 4 blocks × 2 masks × 28² pixels + 2 meshes × 64² phases.
        Assert.Equal((4 * 2 * 784) + (2 * 64 * 64), row.Parameters);
    }
}
