using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Layers;
using Xunit.Abstractions;

namespace PnnKit.Memristive.Tests.Layers;

public class EnergyPerInferenceTests(ITestOutputHelper output)
{
    private static CostLedger Run(int adcBits)
    {
        var cfg = new AnalogConfig { AdcBits = adcBits };
        var rng = new Rng(1);
        var model = new Sequential<float>(
            new AnalogLinear<float>(784, 256, rng.Split(1), cfg, name: "fc1"), new ReLU<float>(),
            new AnalogLinear<float>(256, 128, rng.Split(2), cfg, name: "fc2"), new ReLU<float>(),
            new AnalogLinear<float>(128, 10, rng.Split(3), cfg, name: "fc3"));
        var x = new Tensor<float>(8, 784);
        rng.Split(4).FillUniform(x.Span, 0, 1);
        var ledger = new CostLedger();
        model.Forward(x, new ForwardContext(Mode.Eval, new Rng(5)) { Ledger = ledger });
        ledger.RecordInferences(8);
        return ledger;
    }

    [Fact]
    public void MlpEnergyPerInference_ByAdcBits_FirstLayerArrayEnergyFixed_AndAdcEnergyDoublesPerBit()
    {
        output.WriteLine("MLP 784-256-128-10 on 512×512 tiles, 8 uniform inputs, amplitude encoding");
        output.WriteLine("ADC bits | core (arrays + ReLU) nJ | system (all terms) nJ | ADC share");
        double? core4 = null, adcPrev = null;
        for (int bits = 4; bits <= 8; bits++)
        {
            var ledger = Run(bits);
            double core = ledger.CoreEnergyPerInference;
            double system = ledger.SystemEnergyPerInference(0);
            double adc = ledger.Entries.Where(e => e.Component.EndsWith(" ADC", StringComparison.Ordinal)).Sum(e => e.EnergyJoules) / ledger.Inferences;
            output.WriteLine($"{bits,8} | {core * 1e9,22:F3} | {system * 1e9,21:F3} | {adc / system,9:P1}");
            // The first layer sees the same input at every resolution: its array energy is fixed and its ADC energy doubles per bit.
            double fc1Array = ledger.Entries.Single(e => e.Component == "fc1 array").EnergyJoules;
            double fc1Adc = ledger.Entries.Single(e => e.Component == "fc1 ADC").EnergyJoules;
            core4 ??= fc1Array;
            Assert.Equal(core4.Value, fc1Array, core4.Value * 1e-9);
            if (adcPrev is double p)
            {
                Assert.Equal(2.0, fc1Adc / p, 1e-9);
            }
            adcPrev = fc1Adc;
            Assert.True(system > core);
            if (bits == 8)
            {
                foreach (var group in ledger.Entries.GroupBy(e => e.Component[(e.Component.IndexOf(' ', StringComparison.Ordinal) + 1)..]))
                {
                    output.WriteLine($"  8-bit breakdown: {group.Key,-13} {group.Sum(e => e.EnergyJoules) / ledger.Inferences * 1e9,8:F3} nJ");
                }
            }
        }
    }
}
