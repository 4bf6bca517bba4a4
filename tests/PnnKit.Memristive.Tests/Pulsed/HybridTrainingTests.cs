using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;
using PnnKit.Memristive.Pulsed;
using Xunit.Abstractions;

namespace PnnKit.Memristive.Tests.Pulsed;

public class HybridTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void Hybrid_TransferLosesAccuracyToStuckCells_AndInSituRetrainingOfLastLayerRecovers()
    {
        // Ex-situ "trained" network y = W2·relu(W1·x); W1 goes onto a fabricated crossbar with 10% stuck cells,
        // W2 onto pulsed devices, which are then retrained in situ on the hardware's own hidden features.
        int nIn = 12, nHid = 16, nOut = 3, n = 128;
        var rng = new Rng(1);
        var cfg = AnalogConfig.Ideal;
        var fc1 = new AnalogLinear<double>(nIn, nHid, rng.Split(1), cfg, bias: false, name: "fc1");
        var w2 = new double[nOut * nHid];
        rng.Split(2).FillUniform<double>(w2, -0.4, 0.4);
        var x = new Tensor<double>(n, nIn);
        rng.Split(3).FillUniform(x.Span, -1, 1);
        var relu = new ReLU<double>();
        var hIdeal = relu.Forward(fc1.Forward(x, ForwardContext.Eval()), ForwardContext.Eval());
        var y = Gemm.MatMul(hIdeal, Tensor<double>.FromArray(w2, nOut, nHid), transB: true);

        fc1.Program(DeviceVariation.None with { StuckOnRate = 0.05, StuckOffRate = 0.05 }, 4, new PcmNoiseModel { ReadNoiseScale = 0, DriftScale = 0 });
        var fc2 = new PulsedLinear<double>(nHid, nOut, new PulsedDeviceConfig { Model = StepModel.SoftBounds }, 5, cfg, bias: false, name: "fc2");
        fc2.Array.Transfer(w2);
        var model = new Sequential<double>(fc1, relu, fc2);
        var mse = new MeanSquaredError<double>();
        double Loss() => mse.Compute(model.Forward(x, ForwardContext.Eval()), y, null);

        double transferred = Loss();
        // Retrain only the last layer, in situ, on 10% of the data per step (mini-batches of 13).
        var update = new Rng(6);
        for (int epoch = 0; epoch < 40; epoch++)
        {
            for (int b = 0; b + 13 <= n; b += 13)
            {
                var xb = x.SliceRows(b, 13);
                var grad = new Tensor<double>(13, nOut);
                mse.Compute(model.Forward(xb, ForwardContext.Train((ulong)b)), y.SliceRows(b, 13), grad);
                fc2.Backward(grad); // the last layer only: earlier layers are frozen hardware
                fc2.ApplyPulsedUpdate(0.2, update);
            }
        }
        double retrained = Loss();
        output.WriteLine($"hybrid: MSE after transfer {transferred:F5}, after in-situ retraining of the last layer {retrained:F5}");
        Assert.True(transferred > 1e-3, "stuck cells should cost accuracy");
        Assert.True(retrained < transferred / 2, $"{transferred:F5} → {retrained:F5}");
    }

    [Fact]
    public void ReadingAProgrammedLayerBeforeProgramming_IsRefused()
    {
        var layer = new AnalogLinear<double>(3, 2, new Rng(1));
        layer.Program(new DeviceVariation(), 2);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(new Tensor<double>(1, 3), new ForwardContext(Mode.Eval, new Rng(1)) { AgeSeconds = -60 }));
        Assert.Equal("ageSeconds", ex.ParamName);
    }
}
