using System.Reflection;
using PnnKit.Core.Costs;
using PnnKit.Dynamics;
using PnnKit.Memristive.Periphery;
using PnnKit.Memristive.Pulsed;
using PnnKit.Networks;
using PnnKit.Photonics.Costs;
using PnnKit.Spintronics.Costs;

namespace PnnKit.Bench.Tests.Costs;

/// <summary>
/// Issue 8: every default cost parameter names its source and the range it is valid for. This project sees every
/// substrate, so the check covers all cost models at once, and fails when a new one is not listed here.
/// </summary>
public class CostParameterRecordTests
{
    /// <summary>Every cost model with its defaults, in each variant whose parameter list differs.</summary>
    private static readonly ICostModel[] DefaultModels =
    [
        new DigitalCostModel(DigitalPrecision.Fp32),
        new DigitalCostModel(DigitalPrecision.Fixed8),
        new DigitalCostModel { WeightsInDram = true },
        PhotonicCostModel.Default,
        PnnKit.Photonics.Costs.IntensityCrossbarCostModel.Default,
        new WaveTransducers(),
        new NetworkCostModel(),
        new AdcCostModel(),
        new ArrayReadCostModel(),
        new DacCostModel(),
        new TiaCostModel(),
        new ProgrammingCostModel(),
        new WriteVerifyCostModel(),
        PBitCostModel.Default,
        ReservoirCostModel.Default,
        new PnnKit.Memristive.Devices.FloatingGateCellModel(),
        new PnnKit.Memristive.Processor.AnalogMatrixProcessorConfig(),
        PnnKit.Photonics.Accel.AccelCostModel.Default,
        OpticalPathLatency.Default,
    ];

    public static TheoryData<int> ModelIndices() => [.. Enumerable.Range(0, DefaultModels.Length)];

    [Theory]
    [MemberData(nameof(ModelIndices))]
    public void EveryParameter_NamesItsSource_AndItsValidityRange(int index)
    {
        var m = DefaultModels[index];
        string model = m.GetType().Name + " (" + m.Component + ")";
        Assert.NotEmpty(m.Parameters);
        Assert.All(m.Parameters, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Name), $"{model}: a parameter has no name");
            Assert.False(string.IsNullOrWhiteSpace(p.Unit), $"{model}: '{p.Name}' has no unit");
            Assert.False(string.IsNullOrWhiteSpace(p.Source), $"{model}: '{p.Name}' has no source");
            Assert.False(string.IsNullOrWhiteSpace(p.Validity), $"{model}: '{p.Name}' has no validity range");
            Assert.True(double.IsFinite(p.Value), $"{model}: '{p.Name}' has no default value");
        });
        Assert.Equal(m.Parameters.Count, m.Parameters.Select(p => p.Name).Distinct().Count());
    }

    [Fact]
    public void EveryCostModelInTheSubstrates_IsListedAbove()
    {
        Assembly[] assemblies =
        [
            typeof(DigitalCostModel).Assembly, typeof(PhotonicCostModel).Assembly, typeof(WaveTransducers).Assembly,
            typeof(NetworkCostModel).Assembly, typeof(AdcCostModel).Assembly, typeof(PBitCostModel).Assembly,
        ];
        var implemented = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && typeof(ICostModel).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .ToHashSet();
        var listed = DefaultModels.Select(m => m.GetType().FullName).ToHashSet();
        Assert.Equal(implemented.Order(), listed.Order());
    }
}
