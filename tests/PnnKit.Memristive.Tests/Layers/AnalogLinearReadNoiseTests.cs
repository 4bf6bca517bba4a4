using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Layers;

/// <summary>PCM read noise drawn afresh on every read of a programmed array, against the Joshi et al. 2020 formula.</summary>
public class AnalogLinearReadNoiseTests
{
    private const int Inputs = 48, Outputs = 6, Reads = 6000;
    private const double Age = 86_400;

    // Non-negative weights, so every G⁻ is 0 S and only the G⁺ devices (whose ν the instance exposes) carry noise.
    private static AnalogLinear<double> Programmed(bool perRead, out CrossbarInstance instance)
    {
        var layer = new AnalogLinear<double>(Inputs, Outputs, new Rng(1), AnalogConfig.Ideal with { ReadNoisePerRead = perRead }, bias: false);
        new Rng(2).FillUniform<double>(layer.Weight.Value.Span, 0.1, 1.0);
        instance = layer.Program(DeviceVariation.None, 7);
        return layer;
    }

    // One input row, read Reads times as a batch: every sample is one read.
    private static Tensor<double> Repeated(out double[] x)
    {
        x = new double[Inputs];
        new Rng(3).FillUniform<double>(x, -1, 1);
        var batch = new Tensor<double>(Reads, Inputs);
        for (int b = 0; b < Reads; b++)
        {
            x.CopyTo(batch.Row(b));
        }
        return batch;
    }

    [Fact]
    public void TwoReads_Differ_WhileTheirMeanIsTheNoiseFreeRead_AndTheirVarianceIsJoshisSigma()
    {
        var layer = Programmed(perRead: true, out var instance);
        var batch = Repeated(out var x);
        var y = layer.Forward(batch, new ForwardContext(Mode.Eval, new Rng(5)) { AgeSeconds = Age });
        var again = layer.Forward(batch, new ForwardContext(Mode.Eval, new Rng(6)) { AgeSeconds = Age });
        Assert.NotEqual(y[0, 0], y[1, 0]); // two reads in one pass
        Assert.NotEqual(y[0, 0], again[0, 0]); // and the same read in another pass

        // Independent formula: G(t) = G₀·(t/t₀)^−ν, σ = G(t)·Q_s·√ln((t + t_read)/(2 t_read)), Q_s = 0.0088/(G₀/GMax)^0.65.
        var pcm = new PcmNoiseModel();
        double t = Age + pcm.T0, gMax = layer.Config.Mapping.GMax, wMax = layer.Config.Mapping.WeightMax;
        double root = Math.Sqrt(Math.Log((t + pcm.TRead) / (2 * pcm.TRead)));
        var g0 = instance.ProgrammedGPlus.ToArray();
        var nu = instance.DriftExponentsPlus.ToArray();
        var gt = g0.Select((g, k) => g * Math.Pow(t / pcm.T0, -nu[k])).ToArray();
        double comp = g0.Sum() / gt.Sum(); // global compensation: reference reads at age 0 and now
        for (int j = 0; j < Outputs; j++)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < Inputs; i++)
            {
                int k = (j * Inputs) + i;
                double sigma = gt[k] * Math.Min(0.0088 / Math.Pow(g0[k] / gMax, 0.65), 0.2) * root;
                mean += x[i] * gt[k] / gMax * wMax * comp;
                variance += x[i] * x[i] * sigma * sigma / (gMax * gMax) * wMax * wMax * comp * comp;
            }
            var col = Enumerable.Range(0, Reads).Select(b => y[b, j]).ToList();
            double m = col.Average();
            double v = col.Sum(c => (c - m) * (c - m)) / (Reads - 1);
            Assert.Equal(mean, m, 5 * Math.Sqrt(variance / Reads));
            Assert.InRange(v / variance, 0.93, 1.07);
        }
    }

    [Fact]
    public void FrozenReadNoise_GivesEveryReadTheSameConductances_SoPerReadChangesTheOutput()
    {
        var frozen = Programmed(perRead: false, out _);
        var perRead = Programmed(perRead: true, out _);
        var batch = Repeated(out _);
        var ctx = new ForwardContext(Mode.Eval, new Rng(5)) { AgeSeconds = Age };
        var a = frozen.Forward(batch, ctx);
        var b = frozen.Forward(batch, new ForwardContext(Mode.Eval, new Rng(6)) { AgeSeconds = Age });
        Assert.Equal(a[0, 0], a[Reads - 1, 0]); // one snapshot: all reads alike
        Assert.Equal(a[0, 0], b[0, 0]);
        var c = perRead.Forward(batch, ctx);
        Assert.NotEqual(c[0, 0], c[Reads - 1, 0]);
    }
}
