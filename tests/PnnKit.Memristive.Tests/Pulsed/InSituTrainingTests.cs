using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Memristive.Layers;
using PnnKit.Memristive.Pulsed;
using Xunit.Abstractions;

namespace PnnKit.Memristive.Tests.Pulsed;

public class InSituTrainingTests(ITestOutputHelper output)
{
    // Teacher: y = W* x with W* entries in ±0.3 (inside every device's range).
    private static (Tensor<double> X, Tensor<double> Y) Teacher(int n, int inputs, int outputs, ulong seed)
    {
        var rng = new Rng(seed);
        var w = new double[outputs * inputs];
        rng.FillUniform<double>(w, -0.3, 0.3);
        var x = new Tensor<double>(n, inputs);
        rng.FillUniform(x.Span, -1, 1);
        var y = Gemm.MatMul(x, Tensor<double>.FromArray(w, outputs, inputs), transB: true);
        return (x, y);
    }

    private static double Loss(ILayer<double> layer, Tensor<double> x, Tensor<double> y) =>
        new MeanSquaredError<double>().Compute(layer.Forward(x, ForwardContext.Eval(3)), y, null);

    [Theory]
    [InlineData(StepModel.ConstantStep)]
    [InlineData(StepModel.SoftBounds)]
    public void PulsedTraining_FromScratch_ReducesRegressionLoss(StepModel model)
    {
        var (x, y) = Teacher(64, 6, 3, 1);
        var layer = new PulsedLinear<double>(6, 3, new PulsedDeviceConfig { Model = model }, 2, AnalogConfig.Ideal, bias: false);
        var mse = new MeanSquaredError<double>();
        double before = Loss(layer, x, y);
        var rng = new Rng(4);
        long pulses = 0;
        for (int epoch = 0; epoch < 60; epoch++)
        {
            for (int b = 0; b < 64; b += 8)
            {
                var xb = x.SliceRows(b, 8);
                var grad = new Tensor<double>(8, 3);
                mse.Compute(layer.Forward(xb, ForwardContext.Train((ulong)b)), y.SliceRows(b, 8), grad);
                layer.Backward(grad);
                pulses += layer.ApplyPulsedUpdate(0.5, rng);
            }
        }
        double after = Loss(layer, x, y);
        output.WriteLine($"{model}: MSE {before:F5} → {after:F5} after 480 pulsed updates, {pulses} pulses");
        Assert.True(pulses > 0);
        Assert.True(after < before / 5, $"loss {before:F5} → {after:F5}");
    }

    [Fact]
    public void Backward_IsTheArraysNoisyTransposedRead_ScatteredAroundTheExactProduct_OrExactWhenSwitchedOff()
    {
        var x = new Tensor<double>(4, 12);
        new Rng(1).FillUniform(x.Span, -1, 1);
        var g = new Tensor<double>(4, 5);
        new Rng(2).FillNormal(g.Span, 0, 1e-3); // per-sample errors are small: the read rescales them (noise management)
        var noisy = new PulsedLinear<double>(12, 5, new PulsedDeviceConfig(), 3, bias: false);
        var exact = new PulsedLinear<double>(12, 5, new PulsedDeviceConfig(), 3, bias: false) { NoisyTransposedRead = false };
        var w = new double[60];
        new Rng(4).FillUniform<double>(w, -0.3, 0.3);
        noisy.Array.Transfer(w);
        exact.Array.Transfer(w);
        Assert.True(noisy.NoisyTransposedRead);

        // δ·W, independently.
        var product = Gemm.MatMul(g, Tensor<double>.FromArray(w, 5, 12));
        exact.Forward(x, ForwardContext.Train(5));
        var dxExact = exact.Backward(g);
        for (int k = 0; k < product.Length; k++)
        {
            Assert.Equal(product.Data[k], dxExact.Data[k], 1e-15);
        }

        // Read back through 8-bit DACs and ADCs with output noise 0.06 (of the normalised read): each read differs, and
        // the mean of many reads approaches δ·W (zero-mean noise; the converters' rounding is the residual).
        const int Reads = 400;
        var mean = new double[product.Length];
        double first = 0;
        for (int r = 0; r < Reads; r++)
        {
            noisy.Forward(x, ForwardContext.Train((ulong)(100 + r)));
            var dx = noisy.Backward(g);
            double err = 0, norm = 0;
            for (int k = 0; k < product.Length; k++)
            {
                mean[k] += dx.Data[k] / Reads;
                err += (dx.Data[k] - product.Data[k]) * (dx.Data[k] - product.Data[k]);
                norm += product.Data[k] * product.Data[k];
            }
            first = r == 0 ? Math.Sqrt(err / norm) : first;
        }
        double meanErr = Math.Sqrt(mean.Select((m, k) => (m - product.Data[k]) * (m - product.Data[k])).Sum() / product.Data.Sum(v => v * v));
        output.WriteLine($"transposed read: relative error of one read {first:G3}, of the mean of {Reads} {meanErr:G3}");
        Assert.InRange(first, 0.02, 1.0);
        Assert.True(meanErr < first / 5, $"mean of {Reads} reads: {meanErr} against one {first}");
    }

    [Fact]
    public void PulsedUpdate_ChargesProgrammingEnergyPerPulse()
    {
        var (x, y) = Teacher(8, 4, 2, 7);
        var layer = new PulsedLinear<double>(4, 2, new PulsedDeviceConfig(), 8, AnalogConfig.Ideal, bias: false);
        var grad = new Tensor<double>(8, 2);
        new MeanSquaredError<double>().Compute(layer.Forward(x, ForwardContext.Train()), y, grad);
        layer.Backward(grad);
        var ledger = new PnnKit.Core.Costs.CostLedger();
        long pulses = layer.ApplyPulsedUpdate(1.0, new Rng(9), ledger);
        var e = ledger.Entries.Single(c => c.Component == "pulsed programming");
        Assert.True(pulses > 0);
        Assert.Equal(pulses, e.Uses);
        Assert.Equal(pulses * 10e-12, e.EnergyJoules, 1e-20);
    }

    [Fact]
    public void HardwareAwareTraining_WithNoiseAndClipping_ConvergesAndKeepsWeightsInRange()
    {
        var (x, y) = Teacher(64, 8, 4, 5);
        var cfg = new AnalogConfig { TrainingProgrammingNoiseScale = 1.0, Mapping = new PnnKit.Memristive.Crossbar.WeightMapping(weightMax: 0.4) };
        var layer = new AnalogLinear<double>(8, 4, new Rng(6), cfg, bias: false);
        var opt = new Adam<double>(layer.Parameters, 0.02);
        var mse = new MeanSquaredError<double>();
        double before = Loss(layer, x, y);
        for (int step = 0; step < 200; step++)
        {
            opt.ZeroGrad();
            var grad = new Tensor<double>(64, 4);
            mse.Compute(layer.Forward(x, ForwardContext.Train((ulong)step)), y, grad);
            layer.Backward(grad);
            opt.Step();
        }
        double after = Loss(layer, x, y);
        output.WriteLine($"hardware-aware (PCM programming noise, 8-bit DAC/ADC): MSE {before:F5} → {after:F5} after 200 Adam steps");
        Assert.True(after < before / 5, $"loss {before:F5} → {after:F5}");
        Assert.All(layer.Weight.Value.Data, w => Assert.InRange(w, -0.4, 0.4));
    }
}
