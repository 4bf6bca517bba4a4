using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Layers;

public class AnalogConv2dReplicationTests
{
    // 2 images of 2×5×5, 3×3 kernels, no padding: 9 output pixels each, 18 patches dealt to 3 copies.
    private static (AnalogConv2d<double> Layer, Tensor<double> X) Make(AnalogConfig cfg)
    {
        var layer = new AnalogConv2d<double>(2, 3, 3, 3, new Rng(1), cfg, name: "conv");
        var x = new Tensor<double>(2, 2, 5, 5);
        new Rng(2).FillNormal(x.Span, 0, 1);
        return (layer, x);
    }

    private static (Tensor<double> Y, CostLedger Ledger) Read(AnalogConv2d<double> layer, Tensor<double> x)
    {
        var ledger = new CostLedger();
        var y = layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(3)) { Ledger = ledger });
        ledger.RecordInferences(x.Rows);
        return (y, ledger);
    }

    [Fact]
    public void Copies_ShareTheReads_WithTheSameConverterEnergy_AndOneThirdOfTheReadCycles()
    {
        var cfg = new AnalogConfig { BoundManagement = BoundManagement.None };
        var (single, x) = Make(cfg);
        var (replicated, _) = Make(cfg);
        single.Inner.Program(DeviceVariation.None, 5);
        Assert.Equal(3, replicated.ProgramReplicas(3, DeviceVariation.None, 5).Count);
        Assert.Equal(3, replicated.Inner.ReplicaCount);
        var (_, l1) = Read(single, x);
        var (_, l3) = Read(replicated, x);
        // The same 18 reads, dealt over three copies: every term is used as often, the converters and partial sums cost the
        // same, and the cells' Joule heat differs only by the copies' own conductances (PCM programming noise, a few %).
        foreach (var e in l1.Entries)
        {
            var r = l3.Entries.Single(t => t.Component == e.Component);
            Assert.Equal(e.Uses, r.Uses);
            double tolerance = e.Component == "conv array" ? 0.1 : 1e-9;
            Assert.Equal(e.EnergyJoules, r.EnergyJoules, tolerance * e.EnergyJoules);
        }
        Assert.Equal(18, l3.Entries.Single(e => e.Component == "conv array").Uses);
        // Latency: 3 × 3 = 9 reads per image, one read cycle each, ⌈9 / 3⌉ = 3 cycles with three copies.
        double cycle = cfg.ReadCycleSeconds;
        Assert.Equal(9 * cycle, single.LatencySeconds(5, 5), 1e-15);
        Assert.Equal(3 * cycle, replicated.LatencySeconds(5, 5), 1e-15);
    }

    [Fact]
    public void FabricatedCopies_CarryTheirOwnErrors_AndTrainTheSharedKernels()
    {
        var variation = new DeviceVariation { ConductanceSpread = 0.1 };
        // Read noise frozen into each copy's state: per-read draws follow the sample's place in its reader's batch, not the copy.
        var (single, x) = Make(AnalogConfig.Ideal with { ReadNoisePerRead = false });
        var (replicated, _) = Make(AnalogConfig.Ideal with { ReadNoisePerRead = false });
        single.Inner.Program(variation, 5);
        replicated.ProgramReplicas(3, variation, 5);
        var (y1, _) = Read(single, x);
        var (y3, _) = Read(replicated, x);
        // Patch p (image n, pixel k: p = 9n + k) is read by copy p mod 3; copy 0 is the single layer's instance (same seed).
        for (int n = 0; n < 2; n++)
        {
            for (int k = 0; k < 9; k++)
            {
                int p = (9 * n) + k;
                double diff = Enumerable.Range(0, 3).Max(o => Math.Abs(y1[n, (o * 9) + k] - y3[n, (o * 9) + k]));
                if (p % 3 == 0)
                {
                    Assert.True(diff < 1e-12, $"patch {p} is read by copy 0 and should equal the single instance's read (diff {diff})");
                }
                else
                {
                    Assert.True(diff > 1e-6, $"patch {p} is read by copy {p % 3}, which has its own errors (diff {diff})");
                }
            }
        }

        // Training through the copies: one Weight gradient, the sum over the patches of every copy.
        var ctx = new ForwardContext(Mode.Train, new Rng(4));
        var y = replicated.Forward(x, ctx);
        var g = new Tensor<double>([.. y.Shape]);
        g.Span.Fill(1);
        var dx = replicated.Backward(g);
        Assert.Equal(x.Shape.ToArray(), dx.Shape.ToArray());
        Assert.Contains(replicated.Weight.Grad.Data, v => v != 0);
        Assert.Equal(18.0, replicated.Bias!.Grad[0], 1e-12); // dL/db = Σ over 18 patches of 1
    }

    [Fact]
    public void ProgramReplicas_RefusesCopiesOutOfRange()
    {
        var (layer, _) = Make(AnalogConfig.Ideal);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => layer.ProgramReplicas(0, DeviceVariation.None, 1));
        Assert.Equal("copies", e.ParamName);
    }
}
