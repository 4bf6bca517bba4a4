using PnnKit.Core.Costs;

namespace PnnKit.Core.Tests.Costs;

public class InferenceCostReportTests
{
    /// <summary>4 inferences: core 1 nJ and ADC 3 nJ in all, 1 µs on the critical path, 0.5 W of heaters.</summary>
    private static CostLedger HandModel()
    {
        var ledger = new CostLedger();
        ledger.Charge("core", CostCategory.Core, new Energy(1e-9), 4, new Duration(1e-6));
        ledger.Charge("adc", CostCategory.Converter, new Energy(3e-9), 4);
        ledger.AddStaticPower("heaters", new Power(0.5));
        ledger.Exclude("host I/O", "not modelled");
        ledger.RecordInferences(4);
        return ledger;
    }

    [Fact]
    public void Report_OfAHandComputedModel_HasEveryFigure()
    {
        var r = InferenceCostReport.From(HandModel(), operationsPerInference: 1000);
        Assert.Equal(0.25e-9, r.CoreEnergy.Joules, 1e-24);
        // 0.25 nJ + 0.75 nJ dynamic, plus 0.5 W over the 1 µs critical path.
        double system = 1e-9 + (0.5 * 1e-6);
        Assert.Equal(system, r.SystemEnergy.Joules, 1e-21);
        Assert.Equal(1e-6, r.Latency.Seconds);
        Assert.Equal(1e6, r.ThroughputPerSecond!.Value, 6);
        Assert.Equal(0.5, r.StaticPower.Watts);
        // 1000 operations per 0.25 nJ = 4e12 op/J = 4 TOPS/W in the core.
        Assert.Equal(4, r.CoreTopsPerWatt!.Value, 9);
        Assert.Equal(1000 / system / 1e12, r.SystemTopsPerWatt!.Value, 12);
        Assert.Equal(["heaters (static)", "adc", "core"], r.Terms.Select(t => t.Name));
        Assert.Equal(["static", "dynamic", "dynamic"], r.Terms.Select(t => t.Kind));
        Assert.Equal(1, r.Terms.Sum(t => t.Share), 12);
        Assert.Equal(system, r.Terms.Sum(t => t.PerInference.Joules), 1e-21);
        Assert.Equal("not modelled", r.Excluded["host I/O"]);
    }

    [Fact]
    public void Calibration_AndRetraining_AreAmortisedOverTheStatedDeployment_AsTheirOwnTerms()
    {
        var deployment = new Deployment(10, Duration.FromDays(1));
        var calibration = AmortisedCost.Every("drift calibration (hourly)", CostCategory.Calibration, new Energy(1e-3), new Duration(3600), deployment);
        var retraining = new AmortisedCost("retraining", CostCategory.Calibration, new Energy(2), 1);
        Assert.Equal(24, calibration.Events);
        var r = InferenceCostReport.From(HandModel(), deployment: deployment, amortised: [calibration, retraining]);
        // 24 mJ and 2 J over 10/s × 86,400 s = 864,000 inferences.
        double cal = 24e-3 / 864_000;
        double retrain = 2.0 / 864_000;
        Assert.Equal(cal, r.Terms.Single(t => t.Name == "drift calibration (hourly)").PerInference.Joules, 1e-21);
        Assert.Equal(retrain, r.Terms.Single(t => t.Name == "retraining").PerInference.Joules, 1e-21);
        Assert.Equal(1e-9 + (0.5 * 1e-6) + cal + retrain, r.SystemEnergy.Joules, 1e-20);
        Assert.All(r.Terms.Where(t => t.Kind == "amortised"), t => Assert.Equal(CostCategory.Calibration, t.Category));
        Assert.Null(r.CoreTopsPerWatt); // no operation count given
    }

    [Fact]
    public void BadDeployments_AndAmortisationWithoutOne_AreRefusedNamingTheParameter()
    {
        Assert.Equal("inferencesPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => new Deployment(0, Duration.FromDays(1))).ParamName);
        Assert.Equal("lifetime", Assert.Throws<ArgumentOutOfRangeException>(() => new Deployment(1, new Duration(double.PositiveInfinity))).ParamName);
        var e = Assert.Throws<ArgumentException>(() => InferenceCostReport.From(HandModel(), amortised: [new AmortisedCost("retraining", CostCategory.Calibration, new Energy(1), 1)]));
        Assert.Contains("retraining", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => InferenceCostReport.From(HandModel(), operationsPerInference: -1));
    }

    [Fact]
    public void SameNamedComponents_OfTwoStages_AreNamedWithTheirStage()
    {
        var ledger = new CostLedger();
        using (ledger.BeginStage("0:analog"))
        {
            ledger.Charge("analog ADC", CostCategory.Converter, new Energy(1e-12));
        }
        using (ledger.BeginStage("2:analog"))
        {
            ledger.Charge("analog ADC", CostCategory.Converter, new Energy(3e-12));
        }
        ledger.RecordInferences(1);
        var r = InferenceCostReport.From(ledger);
        Assert.Equal(["analog ADC [2:analog]", "analog ADC [0:analog]"], r.Terms.Select(t => t.Name));
        Assert.Null(r.ThroughputPerSecond); // no stage declared a latency
    }
}
