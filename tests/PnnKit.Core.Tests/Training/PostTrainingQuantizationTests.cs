using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Core.Tests.Training;

public sealed class PostTrainingQuantizationTests
{
    private static Sequential<float> Mlp(ulong seed) => new(
        new Linear<float>(6, 5, new Rng(seed).Split(0), name: "linear1"), new ReLU<float>(), new Dropout<float>(0.2), new Linear<float>(5, 3, new Rng(seed).Split(1), name: "linear2"));

    private static Tensor<float> Inputs(int rows, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new Tensor<float>(rows, 6);
        for (int i = 0; i < x.Length; i++)
        {
            x.Span[i] = (float)(2 * rng.Normal());
        }
        return x;
    }

    [Fact]
    public void Int8_PutsEveryWeightOnItsRowsGrid_AndEveryLinearInputOnItsCalibratedCodes()
    {
        var model = Mlp(3);
        var calibration = Inputs(200, 4);
        var q = PostTrainingQuantization.Quantize(model, calibration, DigitalPrecision.Fixed8);
        Assert.Equal(["linear1 input", "linear1", "relu", "linear2 input", "linear2"], q.Layers.Select(l => l.Name));
        var w = ((Linear<float>)model.Layers[0]).Weight.Value;
        var qw = ((Linear<float>)q.Layers[1]).Weight.Value;
        for (int o = 0; o < 5; o++)
        {
            double max = Enumerable.Range(0, 6).Max(i => Math.Abs(w[o, i]));
            double step = max / 127;
            for (int i = 0; i < 6; i++)
            {
                double code = qw[o, i] / step;
                Assert.Equal(Math.Round(code), code, 3);
                Assert.InRange(Math.Abs(qw[o, i] - w[o, i]), 0, (step / 2) + 1e-6);
            }
            Assert.Equal(127, Enumerable.Range(0, 6).Max(i => Math.Abs(Math.Round(qw[o, i] / step))));
        }
        // The network input takes signed codes at max|x| / 127; the hidden input (after the ReLU) unsigned codes at its max / 255.
        var input = (FakeQuantize<float>)q.Layers[0];
        Assert.Equal(calibration.Span.ToArray().Max(v => Math.Abs(v)) / 127.0, input.Scale, 6);
        Assert.False(input.Requantize);
        var hidden = (FakeQuantize<float>)q.Layers[3];
        Assert.True(hidden.Requantize);
        Assert.Equal(0, hidden.Code(-1));
        Assert.Equal(255, hidden.Code(1e6));
        Assert.Equal(DigitalPrecision.Fixed8, ((Linear<float>)q.Layers[1]).CostModel.Precision);
        Assert.Equal(DigitalPrecision.Fixed8, ((ReLU<float>)q.Layers[2]).CostModel.Precision);
    }

    [Fact]
    public void Int8_OutputsStayClose_Fp16_CloserStill_AndFp32IsTheModelItself()
    {
        var model = Mlp(5);
        var x = Inputs(300, 6);
        var ctx = new ForwardContext(Mode.Eval, new Rng(0));
        var y = model.Forward(x, ctx);
        var y8 = PostTrainingQuantization.Quantize(model, x, DigitalPrecision.Fixed8).Forward(x, ctx);
        var y16 = PostTrainingQuantization.Quantize(model, x, DigitalPrecision.Fp16).Forward(x, ctx);
        double scale = y.Span.ToArray().Max(v => Math.Abs(v));
        double e8 = Enumerable.Range(0, y.Length).Max(i => Math.Abs(y8.Span[i] - y.Span[i])) / scale;
        double e16 = Enumerable.Range(0, y.Length).Max(i => Math.Abs(y16.Span[i] - y.Span[i])) / scale;
        Assert.InRange(e8, 1e-4, 0.05); // a few int8 steps of error, never none
        Assert.InRange(e16, 1e-6, 2e-3); // half has an 11-bit significand
        Assert.True(e16 < e8 / 5, $"fp16 error {e16}, int8 {e8}");
        Assert.Same(model, PostTrainingQuantization.Quantize(model, x, DigitalPrecision.Fp32));
    }

    [Fact]
    public void Quantize_RefusesLayersItCannotQuantize_NamingThem()
    {
        var model = new Sequential<float>(new Linear<float>(6, 3, new Rng(1)), new Tanh<float>());
        var e = Assert.Throws<NotSupportedException>(() => PostTrainingQuantization.Quantize(model, Inputs(10, 1), DigitalPrecision.Fixed8));
        Assert.Contains("'tanh'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FakeQuantize_RoundsToCodesAndClamps_PassesGradientInsideTheRange_AndChargesOnlyRequantization()
    {
        var q = FakeQuantize<double>.Codes8(0.1, nonNegative: false, requantize: true);
        var x = Tensor<double>.FromArray([0.04, 0.06, -0.25, 30, -30], 1, 5);
        var ledger = new CostLedger();
        var y = q.Forward(x, new ForwardContext(Mode.Train, new Rng(0)) { Ledger = ledger });
        Assert.Equal([0.0, 0.1, -0.2, 12.7, -12.7], y.Span.ToArray().Select(v => Math.Round(v, 12)));
        Assert.Equal(1, ledger.Entries.Sum(e => e.EnergyJoules) / (5 * 3.1e-12), 12);
        var g = q.Backward(Tensor<double>.FromArray([1.0, 1, 1, 1, 1], 1, 5));
        Assert.Equal([1.0, 1, 1, 0, 0], g.Span.ToArray());
        var half = FakeQuantize<double>.Fp16();
        Assert.Equal((double)(Half)0.1, half.Forward(Tensor<double>.FromArray([0.1], 1, 1), new ForwardContext(Mode.Eval, new Rng(0))).Span[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeQuantize<float>.Codes8(0, false, false));
    }
}
