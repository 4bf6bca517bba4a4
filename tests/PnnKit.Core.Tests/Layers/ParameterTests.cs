using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Core.Tests.Layers;

public class ParameterTests
{
    [Fact]
    public void Reshape_SharesValueAndGradient_KeepingNameBoundsAndTrainable()
    {
        var p = new Parameter<double>("weight", new Tensor<double>(3, 12), -0.5, 0.5) { Trainable = false };
        var view = p.Reshape(3, 2, 3, 2);
        Assert.Equal([3, 2, 3, 2], view.Value.Shape.ToArray());
        Assert.Equal([3, 2, 3, 2], view.Grad.Shape.ToArray());
        Assert.Equal(("weight", -0.5, 0.5, false), (view.Name, view.Lower!.Value, view.Upper!.Value, view.Trainable));
        view.Value[7] = 2;
        view.Grad[5] = 1;
        Assert.Equal(2, p.Value[7]);
        Assert.Equal(1, p.Grad[5]);
        view.Clamp();
        Assert.Equal(0.5, p.Value[7]);
        p.ZeroGrad();
        Assert.Equal(0, view.Grad[5]);
        Assert.Throws<ArgumentException>(() => p.Reshape(5, 7));
    }

    [Fact]
    public void Reshape_OptimizerStepThroughTheView_UpdatesTheOriginal()
    {
        var p = new Parameter<double>("w", Tensor<double>.FromArray([1.0, 2.0, 3.0, 4.0], 2, 2));
        var view = p.Reshape(4);
        view.Grad.Fill(1);
        new Sgd<double>([view], 0.5).Step();
        Assert.Equal([0.5, 1.5, 2.5, 3.5], p.Value.Data);
    }
}
