using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Costs;

public class CostLedgerTests
{
    [Fact]
    public void Linear_ChargesHorowitzEnergiesPerMac_AndWeightReadsPerBatch()
    {
        var layer = new Linear<float>(784, 256, new Rng(1));
        var ledger = new CostLedger();
        layer.Forward(new Tensor<float>(10, 784), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        ledger.RecordInferences(10);
        // 784·256 MACs per sample at (3.7 + 0.9) pJ.
        Assert.Equal(784 * 256 * 4.6e-12, ledger.CoreEnergyPerInference, 1e-15);
        // (784·256 + 256) 32-bit words at 50 pJ each, read once for the batch of 10.
        double memory = ledger.Entries.Single(e => e.Category == CostCategory.Memory).EnergyJoules;
        Assert.Equal(((784 * 256) + 256) * 50e-12, memory, 1e-15);
        Assert.Equal(784 * 256 / 256e9, ledger.LatencySeconds, 1e-15);
    }

    [Fact]
    public void Fixed8_IsCheaperThanFp32_ByHorowitzRatio()
    {
        var fp = new DigitalCostModel(DigitalPrecision.Fp32);
        var q = new DigitalCostModel(DigitalPrecision.Fixed8);
        Assert.Equal(4.6e-12, fp.MacJoules, 1e-20);
        Assert.Equal(0.23e-12, q.MacJoules, 1e-20);
        Assert.All(fp.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Source) || string.IsNullOrWhiteSpace(p.Validity)));
        // Weights in DRAM: 1.95 nJ per 64 bits, so a 32-bit word costs 39× the 1 MB SRAM read.
        Assert.Equal(0.975e-9, new DigitalCostModel { WeightsInDram = true }.WordReadJoules, 1e-20);
        Assert.Equal(50e-12, fp.WordReadJoules, 1e-20);
    }

    [Fact]
    public void SystemEnergy_AddsStaticPowerOverTheInferenceTime()
    {
        var ledger = new CostLedger();
        ledger.Charge("core", CostCategory.Core, new Energy(1e-9), 4);
        ledger.Charge("adc", CostCategory.Converter, new Energy(3e-9), 4);
        ledger.AddStaticPower("heaters", new Power(0.5));
        ledger.RecordInferences(4);
        Assert.Equal(0.25e-9, ledger.CoreEnergyPerInference, 1e-20);
        Assert.Equal(1e-9 + (0.5 * 1e-6), ledger.SystemEnergyPerInference(1e-6), 1e-18);
    }

    [Fact]
    public void Ledger_RefusesNegativeEnergy_AndPerInferenceWithoutInferences()
    {
        var ledger = new CostLedger();
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Charge("x", CostCategory.Core, new Energy(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.AddStaticPower("x", new Power(double.NaN)));
        Assert.Throws<InvalidOperationException>(() => ledger.CoreEnergyPerInference);
    }
}
