using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Devices;

public class CrossbarSystemTests
{
    [Fact]
    public void Measure_WithoutNonIdealities_ComputesTheControlledMatrixProduct_AndCountsQueries()
    {
        var sys = new CrossbarSystem<double>(3, 2, AnalogConfig.Ideal, DeviceVariation.None, 1, new PcmNoiseModel { ReadNoiseScale = 0, DriftScale = 0 });
        double[] w = [0.5, -0.25, 0.1, 0.0, 0.75, -1.0];
        var x = Tensor<double>.FromArray([1.0, 2.0, -1.0, 0.5, 0.0, 1.0], 2, 3);
        var y = sys.Measure(x, w);
        Assert.Equal((0.5 * 1) + (-0.25 * 2) + (0.1 * -1), y[0, 0], 1e-12);
        Assert.Equal((0.0 * 1) + (0.75 * 2) + (-1.0 * -1), y[0, 1], 1e-12);
        Assert.Equal((0.5 * 0.5) + (0.1 * 1), y[1, 0], 1e-12);
        Assert.Equal(2, sys.QueryCount);
        sys.Measure(x, w);
        Assert.Equal(4, sys.QueryCount);
        Assert.Equal(1, sys.Instance!.Version); // same controls: not reprogrammed
    }

    [Fact]
    public void NewControls_ReprogramTheSameFabricatedCopy()
    {
        var sys = new CrossbarSystem<double>(2, 2, AnalogConfig.Ideal, DeviceVariation.None with { StuckOffRate = 0.5 }, 3, new PcmNoiseModel { ReadNoiseScale = 0, DriftScale = 0 });
        var x = Tensor<double>.FromArray([1.0, 1.0], 1, 2);
        sys.Measure(x, [0.1, 0.2, 0.3, 0.4]);
        var inst = sys.Instance!;
        int faults = inst.FaultyDevices;
        sys.Measure(x, [0.4, 0.3, 0.2, 0.1]);
        Assert.Same(inst, sys.Instance);
        Assert.Equal(2, inst.Version);
        Assert.Equal(faults, inst.FaultyDevices);
    }

    [Fact]
    public void Measure_RefusesWrongControlCount()
    {
        var sys = new CrossbarSystem<float>(2, 2, new AnalogConfig(), new DeviceVariation(), 1);
        var ex = Assert.Throws<ArgumentException>(() => sys.Measure(new Tensor<float>(1, 2), new float[3]));
        Assert.Contains("expects 4 controls", ex.Message);
    }
}
