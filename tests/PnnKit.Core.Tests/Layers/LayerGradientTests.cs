using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Tests.Layers;

public class LayerGradientTests
{
    private static Tensor<double> RandomInput(int rows, int cols, ulong seed = 3)
    {
        var x = new Tensor<double>(rows, cols);
        new Rng(seed).FillNormal(x.Span, 0, 1);
        return x;
    }

    [Fact]
    public void Linear_GradientsMatchFiniteDifferences()
    {
        var layer = new Linear<double>(7, 5, new Rng(1));
        GradientCheck.Run(layer, RandomInput(4, 7)).AssertWithin(1e-7);
    }

    [Fact]
    public void LinearWithoutBias_GradientsMatchFiniteDifferences()
    {
        var layer = new Linear<double>(3, 6, new Rng(2), bias: false);
        GradientCheck.Run(layer, RandomInput(5, 3)).AssertWithin(1e-7);
    }

    public static TheoryData<string> Activations => ["relu", "tanh", "sigmoid", "gelu"];

    private static ILayer<double> Make(string name) => name switch
    {
        "relu" => new ReLU<double>(),
        "tanh" => new Tanh<double>(),
        "sigmoid" => new Sigmoid<double>(),
        "gelu" => new Gelu<double>(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Activations))]
    public void Activation_GradientMatchesFiniteDifferences(string name)
    {
        var x = RandomInput(3, 11);
        // Keep ReLU inputs away from the kink, where the derivative is undefined.
        for (int i = 0; i < x.Length; i++)
        {
            if (Math.Abs(x[i]) < 1e-3)
            {
                x[i] = 0.5;
            }
        }
        GradientCheck.Run(Make(name), x).AssertWithin(1e-7);
    }

    [Fact]
    public void Sequential_GradientsMatchFiniteDifferences_ThroughEveryLayer()
    {
        var rng = new Rng(4);
        var model = new Sequential<double>(new Linear<double>(6, 8, rng), new Tanh<double>(), new Linear<double>(8, 4, rng), new Gelu<double>(), new Linear<double>(4, 3, rng));
        var result = GradientCheck.Run(model, RandomInput(5, 6));
        Assert.Equal(7, result.Entries.Count); // input + 3 weights + 3 biases
        result.AssertWithin(1e-7);
    }

    [Fact]
    public void GradientCheck_Fails_WhenBackwardIsWrong()
    {
        var bad = new BrokenScale();
        Assert.Throws<InvalidOperationException>(() => GradientCheck.Run(bad, RandomInput(2, 3)).AssertWithin(1e-4));
    }

    [Fact]
    public void Sequential_RefusesMismatchedDomains_NamingBothLayers()
    {
        var e = Assert.Throws<DomainMismatchException>(() => new Sequential<float>(new Linear<float>(2, 2, new Rng(1)), new ReLU<float>(Domain.Optical)));
        Assert.Contains("'linear'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'relu'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Digital", e.Message, StringComparison.Ordinal);
        Assert.Contains("Optical", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sequential_RefusesNonFiniteInput_NamingRowAndColumn()
    {
        var model = new Sequential<float>(new Linear<float>(3, 2, new Rng(1)));
        var x = new Tensor<float>(2, 3);
        x[1, 2] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => model.Forward(x, ForwardContext.Eval()));
        Assert.Contains("row 1, column 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linear_FloatMatchesDouble()
    {
        var ld = new Linear<double>(5, 4, new Rng(9));
        var lf = new Linear<float>(5, 4, new Rng(9));
        var x = RandomInput(3, 5);
        var yd = ld.Forward(x, ForwardContext.Eval());
        var yf = lf.Forward(x.Cast<float>(), ForwardContext.Eval());
        for (int i = 0; i < yd.Length; i++)
        {
            Assert.Equal(yd[i], yf[i], 1e-5);
        }
    }

    /// <summary>A layer whose backward is off by a factor 2: the harness must catch it.</summary>
    private sealed class BrokenScale : ILayer<double>
    {
        public string Name => "broken";
        public Domain InputDomain => Domain.Digital;
        public Domain OutputDomain => Domain.Digital;
        public IReadOnlyList<Parameter<double>> Parameters => [];
        public Tensor<double> Forward(Tensor<double> x, ForwardContext ctx)
        {
            var y = x.Clone();
            for (int i = 0; i < y.Length; i++)
            {
                y[i] *= 3;
            }
            return y;
        }

        public Tensor<double> Backward(Tensor<double> gradOutput)
        {
            var g = gradOutput.Clone();
            for (int i = 0; i < g.Length; i++)
            {
                g[i] *= 6;
            }
            return g;
        }
    }
}

public class DropoutAndAugmentationTests
{
    [Fact]
    public void Dropout_GradientMatchesFiniteDifferences_WithAFixedMask()
    {
        var x = new Tensor<double>(4, 25);
        new Rng(1).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(new Dropout<double>(0.3), x).AssertWithin(1e-7);
    }

    [Fact]
    public void Dropout_KeepsTheMean_AndIsTheIdentityInEvaluation()
    {
        var x = new Tensor<double>(200, 500);
        x.Fill(1);
        var d = new Dropout<double>(0.25);
        var y = d.Forward(x, ForwardContext.Train(3));
        double mean = y.Data.Average();
        double zeros = y.Data.Count(v => v == 0) / (double)y.Length;
        Assert.Equal(1.0, mean, 2);
        Assert.Equal(0.25, zeros, 2);
        Assert.Same(x, d.Forward(x, ForwardContext.Eval()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<float>(1.0));
    }

    [Fact]
    public void RandomShift_MovesEachImageWithinBounds_AndKeepsItsPixels()
    {
        // One bright pixel in the middle of a 7×7 image: after a shift of at most 2 it stays inside.
        var img = new Tensor<float>(50, 49);
        for (int n = 0; n < 50; n++)
        {
            img[n, (3 * 7) + 3] = 1;
        }
        var shifted = Core.Data.ImageAugmentation.RandomShift(img, 7, 7, 2, new Rng(5));
        var seen = new HashSet<int>();
        for (int n = 0; n < 50; n++)
        {
            int at = Array.IndexOf(shifted.Row(n).ToArray(), 1f);
            Assert.Equal(1f, shifted.Row(n).ToArray().Sum());
            Assert.InRange(at / 7, 1, 5);
            Assert.InRange(at % 7, 1, 5);
            seen.Add(at);
        }
        Assert.True(seen.Count > 10, "shifts should vary between images");
        // Shifting by at most 0 is the identity.
        Assert.Equal(img.Data, Core.Data.ImageAugmentation.RandomShift(img, 7, 7, 0, new Rng(5)).Data);
    }
}
