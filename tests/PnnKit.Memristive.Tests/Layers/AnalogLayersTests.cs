using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Memristive.Devices;
using PnnKit.Memristive.Layers;

namespace PnnKit.Memristive.Tests.Layers;

public class AnalogLayersTests
{
    [Fact]
    public void Of_FindsEveryCrossbar_InsideResidualBlocksAndConvolutions_InForwardOrder()
    {
        var converted = SubstrateConversion.Convert(CrossbarMapperTests.SmallCnn(), new CrossbarMapper<double>(AnalogConfig.Ideal, new Rng(3)));
        var analog = AnalogLayers.Of(converted);
        Assert.Equal(["conv1", "conv2", "conv3", "fc"], analog.Select(a => a.Name));
        var convs = SubstrateConversion.Leaves(converted).OfType<AnalogConv2d<double>>().ToList();
        Assert.Same(convs[1].Inner, analog[1]);
    }

    [Fact]
    public void Of_FlatModel_IsItsAnalogLinearLayers()
    {
        var rng = new Rng(1);
        var a = new AnalogLinear<double>(4, 3, rng.Split(1), name: "crossbar1");
        var b = new AnalogLinear<double>(3, 2, rng.Split(2), name: "crossbar2");
        var model = new Sequential<double>(a, new ReLU<double>(), b);
        Assert.Equal(model.Layers.OfType<AnalogLinear<double>>(), AnalogLayers.Of(model));
    }

    [Fact]
    public void Program_FabricatesEveryCrossbarOfAConvertedCnn_WhichThenAges()
    {
        var digital = CrossbarMapperTests.SmallCnn();
        var converted = SubstrateConversion.Convert(digital, new CrossbarMapper<double>(AnalogConfig.Ideal, new Rng(3)));
        var x = CrossbarMapperTests.Images(8);
        var design = converted.Forward(x, ForwardContext.Eval());
        var instances = AnalogLayers.Program(converted, new DeviceVariation(), 40);
        var analog = AnalogLayers.Of(converted);
        Assert.Equal(4, instances.Count);
        for (int i = 0; i < analog.Count; i++)
        {
            Assert.Same(instances[i], analog[i].Instance);
            analog[i].Compensation = DriftCompensation.None;
        }
        Tensor<double> At(double age) => converted.Forward(x, new ForwardContext(Mode.Eval, new Rng(0)) { AgeSeconds = age });
        var fresh = At(1);
        var aged = At(365 * 86_400);
        Assert.NotEqual(design.Data, fresh.Data);
        Assert.NotEqual(fresh.Data, aged.Data);
        // Layer i is seeded seed + i: programming the same design again from the same seed gives the same instance.
        AnalogLayers.Program(converted, new DeviceVariation(), 40);
        Assert.Equal(fresh.Data, At(1).Data);
    }
}
