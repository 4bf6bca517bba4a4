using PnnKit.Core.Random;
using PnnKit.Photonics.Costs;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Tests;

public class OpticalPathLatencyTests
{
    [Fact]
    public void ThreeMeshNetwork_MatchesTheHandCalculation()
    {
        // By hand: 4 routing sections of 1 mm, 3 × 6 MZI columns of 300 µm, 2 NOFUs of 500 µm: 10.4 mm of silicon
        // waveguide at n_g = 4.2 is 10.4e-3 · 4.2 / 299 792 458 = 145.71 ps; plus two NOFU responses 0.35 / 10 GHz = 35 ps.
        var terms = OpticalPathLatency.Default.Terms([6, 6, 6]);
        double onChip = terms.Where(t => t.OnChipOptical).Sum(t => t.Seconds);
        Assert.Equal((10.4e-3 * 4.2 / 299_792_458.0) + 70e-12, onChip, 1e-15);
        Assert.Equal(145.71e-12 + 70e-12, onChip, 0.01e-12);
        // Off the optical path: one DAC and one ADC sample at 10 GS/s (100 ps each) and two rise times of 35 ps.
        Assert.Equal(onChip + 270e-12, terms.Sum(t => t.Seconds), 1e-15);
        Assert.Equal(2, terms.Count(t => t.Stage.Contains("nofu", StringComparison.Ordinal) && t.Stage.Contains("response", StringComparison.Ordinal)));
    }

    [Fact]
    public void TimeOfFlight_ScalesWithGroupIndex_AndRiseTimeIsPoint35OverBandwidth()
    {
        var slow = OpticalPathLatency.Default with { GroupIndex = 8.4 };
        Assert.Equal(2 * OpticalPathLatency.Default.TimeOfFlight(1e-3), slow.TimeOfFlight(1e-3), 1e-18);
        Assert.Equal(1e-3 / 299_792_458.0, (OpticalPathLatency.Default with { GroupIndex = 1 }).TimeOfFlight(1e-3), 1e-20);
        Assert.Equal(35e-12, OpticalPathLatency.RiseTime(10e9), 1e-18);
    }

    [Fact]
    public void Terms_FromMeshes_UseEachMeshsColumns()
    {
        var mesh = new ClementsMesh<double>(6, new Rng(1));
        Assert.Equal(6, mesh.Columns);
        var a = OpticalPathLatency.Default.Terms([mesh, mesh]);
        Assert.Equal(OpticalPathLatency.Default.Terms([6, 6]), a);
    }

    [Fact]
    public void BadParameters_AreRefused_NamingTheParameterAndItsRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => (OpticalPathLatency.Default with { GroupIndex = double.NaN }).Terms([6]));
        Assert.Contains("GroupIndex", e.Message, StringComparison.Ordinal);
        Assert.Contains("≥ 1", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => (OpticalPathLatency.Default with { ReceiverBandwidthHz = 0 }).Terms([6]));
        Assert.Contains("ReceiverBandwidthHz", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => OpticalPathLatency.Default.Terms(Array.Empty<int>()));
    }
}
