using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Costs;

public class CostCompletenessTests
{
    /// <summary>A converter between two domains: identity on the numbers, charging <paramref name="joules"/> per value unless null.</summary>
    private sealed class Converter(string name, Domain from, Domain to, double? joules) : ILayer<double>
    {
        public string Name => name;

        public Domain InputDomain => from;

        public Domain OutputDomain => to;

        public IReadOnlyList<Parameter<double>> Parameters => [];

        public Tensor<double> Forward(Tensor<double> x, ForwardContext ctx)
        {
            if (joules is double j)
            {
                ctx.Ledger?.Charge($"{name} conversions", CostCategory.Converter, new Energy(j * x.Length), x.Length);
            }
            return x;
        }

        public Tensor<double> Backward(Tensor<double> gradOutput) => gradOutput;
    }

    private static CostLedger Run(Sequential<double> model, int batch = 2)
    {
        var ledger = new CostLedger();
        model.Forward(new Tensor<double>(batch, 3), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        ledger.RecordInferences(batch);
        return ledger;
    }

    [Fact]
    public void TwoLayersWithTheSameName_StayTwoEntries_AndBothCountOnTheCriticalPath()
    {
        var rng = new Rng(3);
        var ledger = Run(new Sequential<double>(new Linear<double>(3, 3, rng, name: "fc"), new Linear<double>(3, 3, rng, name: "fc")));
        var macs = ledger.Entries.Where(e => e.Component == "fc MACs").ToList();
        Assert.Equal(2, macs.Count);
        Assert.Equal(["0:fc", "1:fc"], macs.Select(e => e.Stage));
        Assert.All(macs, e => Assert.Equal(2 * 9, e.Uses));
        // Two 9-MAC stages in sequence: the critical path is both of them.
        double stage = 9 / new DigitalCostModel().MacsPerSecond;
        Assert.Equal(2 * stage, ledger.LatencySeconds, 1e-24);
        Assert.Equal(2 * 9 * new DigitalCostModel().MacJoules, ledger.CoreEnergyPerInference, 1e-24);
    }

    [Fact]
    public void Charges_OutsideAModel_AndOfNestedModels_CarryTheirStage()
    {
        var ledger = new CostLedger();
        ledger.Charge("loose", CostCategory.Core, new Energy(1e-12));
        var inner = new Sequential<double>(new Converter("adc", Domain.Electrical, Domain.Digital, 1e-12));
        var model = new Sequential<double>(new Converter("dac", Domain.Digital, Domain.Electrical, 1e-12), inner);
        model.Forward(new Tensor<double>(1, 3), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        Assert.Equal("", ledger.Entries.Single(e => e.Component == "loose").Stage);
        Assert.Equal("0:dac", ledger.Entries.Single(e => e.Component == "dac conversions").Stage);
        Assert.Equal("1:sequential/0:adc", ledger.Entries.Single(e => e.Component == "adc conversions").Stage);
        Assert.Null(ledger.CurrentStage); // every stage was left
    }

    [Fact]
    public void ConverterThatChargesNothing_MakesTheSystemFigureRefuse_NamingIt_UntilExcluded()
    {
        var model = new Sequential<double>(
            new Linear<double>(3, 3, new Rng(1), name: "fc"),
            new Converter("dac", Domain.Digital, Domain.Electrical, null),
            new Converter("adc", Domain.Electrical, Domain.Digital, 1e-12));
        var ledger = Run(model);
        Assert.True(ledger.CoreEnergyPerInference > 0); // the core figure does not contain converters
        var e = Assert.Throws<MissingCostException>(() => ledger.SystemEnergyPerInference(ledger.LatencySeconds));
        Assert.Contains("'dac'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Digital to Electrical", e.Message, StringComparison.Ordinal);
        Assert.Equal(["dac"], ledger.MissingTerms.Keys);
        Assert.Throws<MissingCostException>(() => InferenceCostReport.From(ledger));

        ledger.Exclude("dac", "off-chip DAC, costed by the host");
        Assert.Empty(ledger.MissingTerms);
        Assert.True(ledger.SystemEnergyPerInference(ledger.LatencySeconds) > ledger.CoreEnergyPerInference);
    }

    [Fact]
    public void RemovingAConverter_MakesTheModelRefuseToBuild_NamingBothLayers()
    {
        var adc = new Converter("adc", Domain.Electrical, Domain.Digital, 1e-12);
        var fc = new Linear<double>(3, 3, new Rng(1), name: "fc");
        _ = new Sequential<double>(new Converter("dac", Domain.Digital, Domain.Electrical, 1e-12), adc, fc); // with both converters it builds
        var e = Assert.Throws<DomainMismatchException>(() => new Sequential<double>(fc, adc)); // the DAC removed
        Assert.Contains("'fc'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'adc'", e.Message, StringComparison.Ordinal);
    }

    private sealed class HalfKnownModel : ICostModel
    {
        public string Component => "ADC (survey fit)";

        public IReadOnlyList<CostParameter> Parameters => [new("Walden FoM", 5e-15, "J/step", "Murmann ADC survey", "SAR ADCs"), new("sample rate", double.NaN, "S/s", "not given", "any")];
    }

    [Fact]
    public void CostModelWithAParameterLeftUnset_IsAMissingTerm_NamingTheParameter()
    {
        var ledger = new CostLedger();
        ledger.Charge("adc", CostCategory.Converter, new Energy(1e-12), 1, Duration.Zero, new HalfKnownModel());
        ledger.RecordInferences(1);
        var e = Assert.Throws<MissingCostException>(() => ledger.SystemEnergyPerInference(0));
        Assert.Contains("sample rate", e.Message, StringComparison.Ordinal);
        Assert.Contains("ADC (survey fit)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StaticPower_OverZeroTime_IsRefused_NotCountedAsNothing()
    {
        var ledger = new CostLedger();
        ledger.Charge("core", CostCategory.Core, new Energy(1e-12));
        ledger.AddStaticPower("heaters", new Power(1e-3));
        ledger.RecordInferences(1);
        var e = Assert.Throws<MissingCostException>(() => ledger.SystemEnergyPerInference(0));
        Assert.Contains("heaters", e.Message, StringComparison.Ordinal);
        Assert.Equal(1e-12 + 1e-9, ledger.SystemEnergyPerInference(1e-6), 1e-24);
    }
}
