using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Activations;

namespace PnnKit.Photonics.Tests;

public class ActivationTests
{
    public static TheoryData<string> Kinds => ["eo", "modrelu", "sa"];

    private static ILayer<double> Make(string kind) => kind switch
    {
        "eo" => new ElectroOpticActivation<double>(5),
        "modrelu" => new ModReLU<double>(5, bias: -0.3),
        "sa" => new SaturableAbsorber<double>(5),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OpticalActivation_GradientsMatchFiniteDifferences(string kind)
    {
        var x = MeshTests.RandomField(4, 5, 7);
        // Keep modReLU away from its kink |z| = −b.
        for (int b = 0; b < 4; b++)
        {
            for (int m = 0; m < 5; m++)
            {
                double r = Math.Sqrt((x[b, m] * x[b, m]) + (x[b, 5 + m] * x[b, 5 + m]));
                if (Math.Abs(r - 0.3) < 0.05)
                {
                    x[b, m] *= 2;
                    x[b, 5 + m] *= 2;
                }
            }
        }
        GradientCheck.Run(Make(kind), x).AssertWithin(1e-7);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OpticalActivation_IsPassive(string kind)
    {
        var x = MeshTests.RandomField(50, 5, 8);
        var y = Make(kind).Forward(x, ForwardContext.Eval());
        for (int b = 0; b < 50; b++)
        {
            for (int m = 0; m < 5; m++)
            {
                double pin = (x[b, m] * x[b, m]) + (x[b, 5 + m] * x[b, 5 + m]);
                double pout = (y[b, m] * y[b, m]) + (y[b, 5 + m] * y[b, 5 + m]);
                Assert.True(pout <= pin * (1 + 1e-12));
            }
        }
    }

    [Fact]
    public void ElectroOpticActivation_TransmitsOneMinusTap_AtZeroBiasAndLowPower_AndChargesTheLedger()
    {
        var eo = new ElectroOpticActivation<double>(1, tapFraction: 0.1, biasPhase: 0, phaseGain: 1);
        var x = new Tensor<double>(1, 2, 1);
        x[0] = 1e-4;
        var ledger = new CostLedger();
        var y = eo.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        Assert.Equal(0.9, ((y[0] * y[0]) + (y[1] * y[1])) / 1e-8, 6);
        Assert.Single(ledger.Entries);
    }

    [Fact]
    public void SaturableAbsorber_TransmitsMore_AtHighPower()
    {
        var sa = new SaturableAbsorber<double>(1, opticalDepth: 2, saturationPower: 1);
        double T(double amp)
        {
            var x = new Tensor<double>(1, 2, 1);
            x[0] = amp;
            var y = sa.Forward(x, ForwardContext.Eval());
            return y[0] * y[0] / (amp * amp);
        }
        Assert.Equal(Math.Exp(-2), T(1e-4), 6);
        Assert.True(T(3) > 0.5);
    }

    [Fact]
    public void ModReLU_KeepsPhase_AndZeroesBelowThreshold()
    {
        var act = new ModReLU<double>(2, bias: -0.5);
        var x = new ComplexTensor<double>(1, 2);
        x.Set(0, 0, Complex.FromPolarCoordinates(2, 0.7));
        x.Set(0, 1, Complex.FromPolarCoordinates(0.3, 1.1));
        var y = new ComplexTensor<double>(act.Forward(x.Storage, ForwardContext.Eval()));
        Assert.Equal(1.5, y.Get(0, 0).Magnitude, 12);
        Assert.Equal(0.7, y.Get(0, 0).Phase, 12);
        Assert.Equal(0, y.Get(0, 1).Magnitude);
    }
}
