using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Training;

/// <summary>
/// Post-training quantization of a trained float MLP (Linear, activations, dropout) to the precision a
/// user would deploy, without retraining:
/// <list type="bullet">
/// <item>int8: weights per output channel, symmetric (scale = max |w| ÷ 127); each Linear's input on
/// one int8 scale per tensor from the min/max it takes over calibration data (codes 0…255 when that
/// input is never negative, as after a ReLU; else −127…127), PyTorch's default MinMax observer scheme.
/// Biases stay exact: deployed they are int32 at the product of the input and weight scales, whose
/// rounding is far below one output step.</item>
/// <item>fp16: weights, biases and every Linear's input rounded to IEEE half.</item>
/// </list>
/// Every layer of the result is costed at the target precision (<see cref="DigitalCostModel"/>).
/// </summary>
public static class PostTrainingQuantization
{
    /// <summary>
    /// The quantized copy of <paramref name="model"/>; <paramref name="calibration"/> (training data, never
    /// validation or test) sets the activation scales of int8. Fp32 returns <paramref name="model"/> itself.
    /// </summary>
    public static Sequential<float> Quantize(Sequential<float> model, Tensor<float> calibration, DigitalPrecision precision)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibration);
        if (precision == DigitalPrecision.Fp32)
        {
            return model;
        }
        var cost = new DigitalCostModel(precision);
        var ctx = new ForwardContext(Mode.Eval, new Rng(0));
        var layers = new List<ILayer<float>>();
        var x = calibration;
        bool first = true;
        foreach (var layer in model.Layers)
        {
            switch (layer)
            {
                case Linear<float> linear:
                    layers.Add(precision == DigitalPrecision.Fp16 ? FakeQuantize<float>.Fp16($"{linear.Name} input") : InputQuantizer(x, linear.Name, requantize: !first));
                    layers.Add(Copy(linear, precision, cost));
                    first = false;
                    break;
                case ReLU<float>:
                    layers.Add(new ReLU<float>() { CostModel = cost });
                    break;
                case Dropout<float>:
                    break; // the identity in evaluation
                default:
                    throw new NotSupportedException($"Post-training quantization handles Linear, ReLU and Dropout layers; layer '{layer.Name}' ({layer.GetType().Name}) is none of them.");
            }
            x = layer.Forward(x, ctx);
        }
        return new Sequential<float>([.. layers]);
    }

    private static FakeQuantize<float> InputQuantizer(Tensor<float> x, string layer, bool requantize)
    {
        float min = 0, max = 0;
        foreach (float v in x.Span)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        bool nonNegative = min >= 0;
        double range = nonNegative ? max : Math.Max(-min, max);
        double scale = range > 0 ? range / (nonNegative ? 255 : 127) : 1;
        return FakeQuantize<float>.Codes8(scale, nonNegative, requantize, $"{layer} input");
    }

    private static Linear<float> Copy(Linear<float> linear, DigitalPrecision precision, DigitalCostModel cost)
    {
        var q = new Linear<float>(linear.Inputs, linear.Outputs, new Rng(0), bias: linear.Bias is not null, name: linear.Name) { CostModel = cost };
        var w = linear.Weight.Value.Span;
        var qw = q.Weight.Value.Span;
        for (int o = 0; o < linear.Outputs; o++)
        {
            var row = w.Slice(o * linear.Inputs, linear.Inputs);
            var dst = qw.Slice(o * linear.Inputs, linear.Inputs);
            if (precision == DigitalPrecision.Fp16)
            {
                for (int i = 0; i < row.Length; i++)
                {
                    dst[i] = (float)(Half)row[i];
                }
                continue;
            }
            float maxAbs = 0;
            foreach (float v in row)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(v));
            }
            double scale = maxAbs > 0 ? maxAbs / 127.0 : 1;
            for (int i = 0; i < row.Length; i++)
            {
                dst[i] = (float)(Math.Clamp(Math.Round(row[i] / scale, MidpointRounding.ToEven), -127, 127) * scale);
            }
        }
        if (linear.Bias is { } b)
        {
            var src = b.Value.Span;
            var dst = q.Bias!.Value.Span;
            for (int i = 0; i < src.Length; i++)
            {
                dst[i] = precision == DigitalPrecision.Fp16 ? (float)(Half)src[i] : src[i];
            }
        }
        return q;
    }
}
