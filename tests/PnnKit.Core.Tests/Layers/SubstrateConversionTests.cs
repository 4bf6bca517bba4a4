using PnnKit.Core.Layers;
using PnnKit.Core.Random;

namespace PnnKit.Core.Tests.Layers;

public class SubstrateConversionTests
{
    // Stands for a substrate: replaces every Linear by a fresh one named after it, leaves the rest digital.
    private sealed class Renaming : ISubstrateMapper<double>
    {
        public string Substrate => "test";

        public ILayer<double>? Map(ILayer<double> layer) => layer is Linear<double> l ? new Linear<double>(l.Inputs, l.Outputs, new Rng(9), name: "mapped-" + l.Name) : null;
    }

    [Fact]
    public void Convert_ReplacesMappedLeaves_ThroughResidualAndSequential_AndSharesTheOthers()
    {
        var rng = new Rng(1);
        var relu = new ReLU<double>();
        var model = new Sequential<double>(new Linear<double>(4, 4, rng, name: "a"), relu,
            new Residual<double>(new Sequential<double>(new Linear<double>(4, 4, rng, name: "b"), new Tanh<double>()), new Linear<double>(4, 4, rng, name: "c")));
        var converted = SubstrateConversion.Convert(model, new Renaming());
        Assert.Equal(["mapped-a", "relu", "mapped-b", "tanh", "mapped-c"], SubstrateConversion.Leaves(converted).Select(l => l.Name));
        Assert.Same(relu, SubstrateConversion.Leaves(converted).ElementAt(1));
        Assert.Equal(["a", "relu", "b", "tanh", "c"], SubstrateConversion.Leaves<double>(model).Select(l => l.Name));
    }
}

public class UnflattenTests
{
    [Fact]
    public void Unflatten_GivesEachRowTheSampleShape_AndBackwardUndoesIt()
    {
        var x = new PnnKit.Core.Tensors.Tensor<double>(3, 12);
        new Rng(1).FillNormal(x.Span, 0, 1);
        var layer = new Unflatten<double>([3, 2, 2]);
        var y = layer.Forward(x, ForwardContext.Train());
        Assert.Equal([3, 3, 2, 2], y.Shape.ToArray());
        Assert.Equal(x.Data, y.Data);
        Assert.Equal([3, 12], layer.Backward(y).Shape.ToArray());
        Assert.Contains("12 values", Assert.Throws<ArgumentException>(() => layer.Forward(new PnnKit.Core.Tensors.Tensor<double>(2, 5), ForwardContext.Eval())).Message, StringComparison.Ordinal);
    }
}
