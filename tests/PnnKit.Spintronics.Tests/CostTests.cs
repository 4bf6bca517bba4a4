using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Spintronics;
using PnnKit.Spintronics.Costs;

namespace PnnKit.Spintronics.Tests;

public class CostTests
{
    [Fact]
    public void Reservoir_ChargesBiasConvertersAndReadout_AsComputedByHand()
    {
        var costs = new ReservoirCostModel { OscillatorResistanceOhms = 100, ConverterJoulesPerStep = 1e-15, DacBits = 4, AdcBits = 4 };
        var reservoir = new OscillatorReservoir(new AutoOscillator(new AutoOscillatorParameters(), thermal: new Rng(1)), nodes: 2, nodeSeconds: 1e-9, biasCurrent: 1e-3, inputCurrent: 0.5e-3, new Rng(1)) { Costs = costs };
        var ledger = new CostLedger();
        reservoir.Run([1.0, -1.0], ledger);
        costs.ChargeReadout(ledger, features: 2, outputs: 1, samples: 2);
        ledger.RecordInferences(2);
        // Bias: whatever the mask, each node sees 1.5 mA for one input and 0.5 mA for the other:
        // 2 nodes × (1.5² + 0.5²) mA² × 100 Ω × 1 ns = 5e-13 J over 2 inferences.
        double bias = 2 * (2.25e-6 + 0.25e-6) * 100 * 1e-9 / 2;
        // DAC and ADC: 2 nodes × 1 fJ · 2⁴ = 32 fJ each per inference.
        double converters = 2 * (2 * 16e-15);
        // Readout (Horowitz fp32): 2 MACs × (3.7 + 0.9) pJ per inference; 3 weights × 32 bits of a 100 pJ/64-bit SRAM read once for the batch of 2.
        double macs = 2 * 4.6e-12, weights = 3 * 50e-12 / 2;
        Assert.Equal(bias + macs, ledger.CoreEnergyPerInference, 1e-24);
        Assert.Equal(bias + macs + converters + weights, ledger.SystemEnergyPerInference(0), 1e-24);
        Assert.Equal(2.5e-13, bias, 1e-27);
        Assert.Equal(2 * 1e-9, ledger.Entries.Single(e => e.Component == ReservoirCostModel.OscillatorComponent).StageLatencySeconds, 1e-21);
    }

    [Fact]
    public void PBits_ChargeJunctionInverterSynapseAndDac_AsComputedByHand()
    {
        var costs = new PBitCostModel
        {
            Junction = new MtjParameters { ParallelResistanceOhms = 1000, Tmr = 1, ReadVoltage = 0.1 },
            UpdateSeconds = 1e-9,
            InverterCapacitanceFarads = 1e-15,
            SupplyVolts = 1,
            DacJoulesPerStep = 1e-15,
            DacBits = 2,
        };
        // Junction: (0.1 V)² × (1/1000 + 1/2000)/2 S × 1 ns = 7.5 fJ; inverter 1 fF × (1 V)² = 1 fJ.
        Assert.Equal(8.5e-15, costs.PBitJoulesPerUpdate, 1e-29);
        var ledger = new CostLedger();
        costs.ChargeUpdates(ledger, updates: 10, macs: 90, weightReads: 100);
        ledger.RecordInferences(1);
        // Core: 10 × 8.5 fJ + 90 × 4.6 pJ; system adds 100 × 5 pJ (32 bits of a 10 pJ/64-bit 8 KB SRAM read) and 10 × 4 fJ of DAC.
        Assert.Equal((10 * 8.5e-15) + (90 * 4.6e-12), ledger.CoreEnergyPerInference, 1e-24);
        Assert.Equal((10 * 8.5e-15) + (90 * 4.6e-12) + (100 * 5e-12) + (10 * 4e-15), ledger.SystemEnergyPerInference(0), 1e-24);
    }

    [Fact]
    public void ReservoirDemo_EnergyPerInference_IsTheOscillatorBiasOverItsNodes()
    {
        var r = PnnKit.Spintronics.Reproductions.SpintronicDemos.SineSquare();
        // Every node carries between 1.4 and 2.6 mA (2 I_th ± 0.6 I_th at |u| ≤ 1) for θ = 10/Γ_p (chosen on validation at 300 K).
        var p = new AutoOscillatorParameters();
        Assert.Equal(10, r.NodeTime);
        double theta = 10 / (2 * p.LinearDampingRate * (2 - 1));
        double rOsc = ReservoirCostModel.Default.OscillatorResistanceOhms;
        Assert.InRange(r.OscillatorEnergyPerInferenceJoules, 24 * 1.4e-3 * 1.4e-3 * rOsc * theta, 24 * 2.6e-3 * 2.6e-3 * rOsc * theta);
        Assert.True(r.SystemEnergyPerInferenceJoules > r.CoreEnergyPerInferenceJoules);
        Assert.True(r.CoreEnergyPerInferenceJoules > r.OscillatorEnergyPerInferenceJoules);
    }

    [Fact]
    public void MtjLinear_ChargesWriteEnergyOnce_AndReadEnergyPerInference_AsComputedByHand()
    {
        var p = new MtjParameters { ParallelResistanceOhms = 1000, Tmr = 1, ReadVoltage = 0.1 };
        var layer = new MtjLinear<double>(1, 1, 2, p, new Rng(1)) { ReadSeconds = 1e-9 };
        layer.Weight.Value[0] = 1; // both junctions must go AP → P
        var ledger = new CostLedger();
        layer.Program(1e-3, 10e-9, new Rng(2), ledger); // 20 I_c0: switches for sure
        Assert.Equal(1.0, layer.StoredWeights[0], 12);
        var x = Tensor<double>.FromArray([1.0, 1.0, 1.0], 3, 1);
        layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(0)) { Ledger = ledger });
        ledger.RecordInferences(3);
        // Write: 2 pulses × (1 mA)² × R_AP 2000 Ω × 10 ns = 40 pJ, once, amortised over 3 inferences.
        // Read: 2 junctions, now parallel, × (0.1 V)² / 1000 Ω × 1 ns = 20 fJ per inference.
        Assert.Equal(2 * 0.01 / 1000 * 1e-9, ledger.CoreEnergyPerInference, 1e-27);
        Assert.Equal((2 * 1e-6 * 2000 * 10e-9 / 3) + (2 * 0.01 / 1000 * 1e-9), ledger.SystemEnergyPerInference(0), 1e-25);
    }
}
