using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Dynamics;
using Xunit.Abstractions;

namespace PnnKit.Dynamics.Tests;

public class VowelTests(ITestOutputHelper output)
{
    private static double Power(double[] x, double f, double rate)
    {
        double re = 0, im = 0;
        for (int n = 0; n < x.Length; n++)
        {
            re += x[n] * Math.Cos(2 * Math.PI * f * n / rate);
            im += x[n] * Math.Sin(2 * Math.PI * f * n / rate);
        }
        return (re * re) + (im * im);
    }

    [Fact]
    public void SynthesizedVowels_CarryEnergyAtTheirFormants()
    {
        double rate = 16000;
        var iyF = VowelSynthesizer.HillenbrandMen[2];
        var aeF = VowelSynthesizer.HillenbrandMen[0];
        // /iy/ has a low F1 (342 Hz) and /ae/ a high one (588 Hz): compare energy in ±15 % bands around each, summed over
        // 12 speakers so that where one speaker's pitch harmonics fall does not decide it.
        double Band(double[] x, double centre)
        {
            double s = 0;
            for (double f = 0.85 * centre; f <= 1.15 * centre; f += 5)
            {
                s += Power(x, f, rate);
            }
            return s;
        }
        double iyLow = 0, iyHigh = 0, aeLow = 0, aeHigh = 0;
        for (ulong speaker = 1; speaker <= 12; speaker++)
        {
            var iy = VowelSynthesizer.Synthesize(iyF, rate, 4000, new Rng(speaker));
            var ae = VowelSynthesizer.Synthesize(aeF, rate, 4000, new Rng(speaker));
            Assert.Equal(1, Math.Sqrt(iy.Sum(v => v * v) / iy.Length), 9);
            iyLow += Band(iy, iyF.F1);
            iyHigh += Band(iy, aeF.F1);
            aeLow += Band(ae, iyF.F1);
            aeHigh += Band(ae, aeF.F1);
        }
        output.WriteLine($"/iy/: F1 band {iyLow:E2} vs /ae/'s F1 band {iyHigh:E2}; /ae/: {aeHigh:E2} vs {aeLow:E2}");
        Assert.True(iyLow > 2 * iyHigh);
        Assert.True(aeHigh > 2 * aeLow);
    }

    [Fact]
    public void SpeakerPitch_VariesLikeHillenbrandsTalkers()
    {
        // Autocorrelation pitch of 120 synthetic men saying /iy/: mean near Table V's 138 Hz and a between-speaker
        // log-spread near PitchSpread (Hillenbrand's SD/mean for men's /iy/ F0 is 0.19).
        double rate = 16000;
        var v = VowelSynthesizer.HillenbrandMen[2];
        var logs = new List<double>();
        for (ulong speaker = 0; speaker < 120; speaker++)
        {
            var x = VowelSynthesizer.Synthesize(v, rate, 3200, new Rng(100 + speaker));
            int best = 0;
            double bestR = double.NegativeInfinity;
            for (int lag = (int)(rate / 300); lag <= (int)(rate / 70); lag++)
            {
                double r = 0;
                for (int n = 0; n + lag < x.Length; n++)
                {
                    r += x[n] * x[n + lag];
                }
                if (r > bestR)
                {
                    (bestR, best) = (r, lag);
                }
            }
            logs.Add(Math.Log(rate / best));
        }
        double mean = logs.Average();
        double sd = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Count - 1));
        output.WriteLine($"pitch: geometric mean {Math.Exp(mean):F1} Hz, log-SD {sd:F3}");
        Assert.InRange(Math.Exp(mean), 0.9 * v.F0, 1.1 * v.F0);
        Assert.InRange(sd, 0.7 * VowelSynthesizer.PitchSpread, 1.3 * VowelSynthesizer.PitchSpread);
    }

    [Fact]
    public void Speakers_Differ_AndSynthesisIsReproducible()
    {
        var v = VowelSynthesizer.HillenbrandMen[1];
        var a = VowelSynthesizer.Synthesize(v, 16000, 500, new Rng(3));
        var b = VowelSynthesizer.Synthesize(v, 16000, 500, new Rng(3));
        var c = VowelSynthesizer.Synthesize(v, 16000, 500, new Rng(4));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void WaveRnn_TrainedOnVowels_LowersItsLoss_AndBeatsChanceOnTheTrainingSet()
    {
        // Small grid for CI: 30 kHz sampling so F2/F3 span ≥ 5 cells per wavelength (h = 1, dt = 0.5, c ≤ 1).
        double rate = 30000;
        int steps = 600, perClass = 8;
        var opts = new WaveRnnOptions
        {
            Nx = 30,
            Ny = 24,
            DesignRegion = (7, 3, 16, 18),
            Source = new(4, 12),
            Probes = [new(25, 6), new(25, 12), new(25, 18)],
            AbsorberCells = 3,
            AbsorberStrength = 1.5,
            ProjectionBeta = 8,
            MaterialSpeed = 0.5,
        };
        var layer = new WaveRnn<double>(opts);
        new Rng(5).FillUniform(layer.Density.Value.Span, 0.3, 0.7);
        var rng = new Rng(11);
        int n = perClass * 3;
        var x = new Tensor<double>(n, steps);
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 3;
            VowelSynthesizer.Synthesize(VowelSynthesizer.HillenbrandMen[i % 3], rate, steps, rng).CopyTo(x.Row(i));
        }
        var adam = new Adam<double>(layer.Parameters, learningRate: 0.1);
        double first = 0, last = 0;
        int correct = 0;
        for (int epoch = 0; epoch < 30; epoch++)
        {
            adam.ZeroGrad();
            var y = layer.Forward(x, ForwardContext.Train());
            // Loss of Hughes et al.: cross-entropy of the normalised probe intensities p = I / Σ I.
            var g = Tensor<double>.ZerosLike(y);
            double loss = 0;
            correct = 0;
            for (int b = 0; b < n; b++)
            {
                double sum = y[b, 0] + y[b, 1] + y[b, 2];
                loss -= Math.Log(y[b, labels[b]] / sum) / n;
                for (int p = 0; p < 3; p++)
                {
                    g[b, p] = ((1 / sum) - (p == labels[b] ? 1 / y[b, p] : 0)) / n;
                }
                int arg = y[b, 0] >= y[b, 1] ? (y[b, 0] >= y[b, 2] ? 0 : 2) : (y[b, 1] >= y[b, 2] ? 1 : 2);
                correct += arg == labels[b] ? 1 : 0;
            }
            layer.Backward(g);
            adam.Step();
            if (epoch == 0)
            {
                first = loss;
            }
            last = loss;
            output.WriteLine($"epoch {epoch}: loss {loss:F4}, train accuracy {(double)correct / n:P1}");
        }
        Assert.True(last < 0.8 * first, $"loss {first} → {last}");
        Assert.True(correct >= n / 2, $"{correct}/{n}");
    }
}
