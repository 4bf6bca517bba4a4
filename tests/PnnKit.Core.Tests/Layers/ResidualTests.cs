using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Layers;

public class ResidualTests
{
    private static Conv2d<double> Same3x3(int channels, Rng rng, int stride = 1)
        => new(channels, channels, 3, 3, rng, stride, stride, 1, 1, 1, 1);

    private static Sequential<double> Block(int channels, Rng rng)
        => new(Same3x3(channels, rng), new Tanh<double>(), Same3x3(channels, rng));

    [Fact]
    public void Residual_AddsTheInputToTheMainBranch()
    {
        var conv = Same3x3(2, new Rng(1));
        var block = new Residual<double>(conv);
        var x = ConvolutionTests.Random(3, 2, 2, 5, 5);
        var y = block.Forward(x, ForwardContext.Eval());
        var main = conv.Forward(x, ForwardContext.Eval());
        for (int i = 0; i < y.Length; i++)
        {
            Assert.Equal(x[i] + main[i], y[i], tolerance: 1e-15);
        }
    }

    [Fact]
    public void Residual_GradientsMatchFiniteDifferences_WithIdentityAndProjectionShortcuts()
    {
        var rng = new Rng(2);
        var identity = new Residual<double>(Block(2, rng));
        GradientCheck.Run(identity, ConvolutionTests.Random(4, 2, 2, 5, 4), maxEntries: 100).AssertWithin(1e-7);

        // Downsampling block: stride-2 main branch, 1×1 stride-2 projection to 3 channels.
        var main = new Sequential<double>(new Conv2d<double>(2, 3, 3, 3, rng, 2, 2, 1, 1, 1, 1), new Tanh<double>(), new Conv2d<double>(3, 3, 3, 3, rng, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1));
        var projection = new Conv2d<double>(2, 3, 1, 1, rng, 2, 2, bias: false, name: "proj");
        var down = new Residual<double>(main, projection);
        var result = GradientCheck.Run(down, ConvolutionTests.Random(5, 2, 2, 6, 6), maxEntries: 100);
        Assert.Equal(6, result.Entries.Count); // input + 2 conv weights + 2 biases + projection
        result.AssertWithin(1e-7);
    }

    [Fact]
    public void Sequential_OfResiduals_HasUniqueStableParameterNames()
    {
        static Sequential<double> Build()
        {
            var rng = new Rng(3);
            return new Sequential<double>(
                new Residual<double>(new Sequential<double>(Same3x3(2, rng), new ReLU<double>(), Same3x3(2, rng))),
                new Residual<double>(new Sequential<double>(Same3x3(2, rng), new ReLU<double>(), Same3x3(2, rng)), new Conv2d<double>(2, 2, 1, 1, rng, bias: false)),
                new GlobalAvgPool2d<double>(),
                new Flatten<double>(),
                new Linear<double>(2, 3, rng));
        }
        var model = Build();
        string[] expected =
        [
            "0:residual.main/0:conv.weight", "0:residual.main/0:conv.bias", "0:residual.main/2:conv.weight", "0:residual.main/2:conv.bias",
            "1:residual.main/0:conv.weight", "1:residual.main/0:conv.bias", "1:residual.main/2:conv.weight", "1:residual.main/2:conv.bias",
            "1:residual.shortcut/conv.weight",
            "4:linear.weight", "4:linear.bias",
        ];
        var named = model.NamedParameters().ToList();
        Assert.Equal(expected, named.Select(p => p.Name).ToArray());
        Assert.Equal(model.Parameters, named.Select(p => p.Parameter).ToArray()); // same objects, same order
        Assert.Equal(expected, Build().NamedParameters().Select(p => p.Name).ToArray());
        model.Forward(ConvolutionTests.Random(6, 2, 2, 4, 4), ForwardContext.Train());
    }

    [Fact]
    public void Sequential_FlatModel_KeepsItsParameterNames()
    {
        var rng = new Rng(4);
        var model = new Sequential<double>(new Linear<double>(4, 3, rng), new Tanh<double>(), new Linear<double>(3, 2, rng, name: "head"));
        Assert.Equal(["0:linear.weight", "0:linear.bias", "2:head.weight", "2:head.bias"], model.NamedParameters().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Sequential_WithAResidual_ChargesEachBranchAsANestedStage()
    {
        var rng = new Rng(5);
        var model = new Sequential<float>(
            new Conv2d<float>(1, 2, 3, 3, rng, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1, name: "stem"),
            new Residual<float>(new Sequential<float>(new Conv2d<float>(2, 2, 3, 3, rng, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1), new ReLU<float>())));
        var ledger = new CostLedger();
        model.Forward(new Tensor<float>(2, 1, 4, 4), new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        var stages = ledger.Entries.Select(e => (e.Stage, e.Component)).ToHashSet();
        Assert.Contains(("0:stem", "stem MACs"), stages);
        Assert.Contains(("1:residual/main/0:conv", "conv MACs"), stages);
        Assert.Contains(("1:residual/main/1:relu", "relu (digital)"), stages);
        Assert.Contains(("1:residual", "residual (digital)"), stages);
    }

    [Fact]
    public void Residual_RefusesBranchesOfDifferentShapesOrDomains()
    {
        var strided = new Residual<double>(Same3x3(2, new Rng(6), stride: 2), name: "res1");
        var e = Assert.Throws<ArgumentException>(() => strided.Forward(new Tensor<double>(1, 2, 6, 6), ForwardContext.Eval()));
        Assert.Contains("res1", e.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 2, 3, 3]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 2, 6, 6]", e.Message, StringComparison.Ordinal);

        var d = Assert.Throws<DomainMismatchException>(() => new Residual<double>(new ReLU<double>(), new ReLU<double>(Domain.Optical)));
        Assert.Contains("Optical", d.Message, StringComparison.Ordinal);
        Assert.Contains("Digital", d.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new Residual<double>(new ReLU<double>()).Backward(new Tensor<double>(1, 1)));
    }
}
