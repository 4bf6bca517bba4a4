using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class TwinCalibrationTests
{
    /// <summary>y = tanh(κ·W·x), W the 2×2 control matrix; κ is the physics parameter a twin may get wrong.</summary>
    private sealed class ScaledTanh(double kappa) : ILayer<double>
    {
        public Parameter<double> W { get; } = new("w", new Tensor<double>(2, 2));
        public string Name => "scaled-tanh";
        public Domain InputDomain => Domain.Digital;
        public Domain OutputDomain => Domain.Digital;
        public IReadOnlyList<Parameter<double>> Parameters => [W];

        public Tensor<double> Forward(Tensor<double> x, ForwardContext ctx)
        {
            var y = new Tensor<double>(x.Rows, 2);
            for (int i = 0; i < x.Rows; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    y[i, j] = Math.Tanh(kappa * ((W.Value[j, 0] * x[i, 0]) + (W.Value[j, 1] * x[i, 1])));
                }
            }
            return y;
        }

        public Tensor<double> Backward(Tensor<double> gradOutput) => throw new NotSupportedException("only measured here");
    }

    private static readonly TwinFittingOptions Options = new() { Samples = 400, ControlRange = (-1.5, 1.5), Seed = 3 };

    [Fact]
    public void NormalisedError_IsTheNoiseForTheTrueModel_AndOneForAFlatPrediction()
    {
        const double noise = 0.01;
        var system = new LayerSystem<double>(new ScaledTanh(1.3), 2, 2, noise, seed: 5);
        var m = TwinFitting.Measure(system, Options);
        Assert.Equal(800, m.Queries); // 400 pairs × 2 repeats
        Assert.Equal(800, system.QueryCount);
        var (fit, held) = TwinFitting.Split(m, Options);
        Assert.Equal(40, held.Length);
        Assert.Empty(fit.Intersect(held));
        var all = Enumerable.Range(0, 400).ToList();
        // The true model misses only the averaged noise (variance noise²/2) out of the outputs' variance.
        double exact = TwinFitting.NormalisedError(new ScaledTanh(1.3), m, all);
        Assert.True(exact is > 0 and < 5 * noise * noise / 2 / 0.2, $"true model: {exact}");
        // A twin whose outputs never change (κ = 0: always 0) explains nothing: error = (var + mean²)/var ≥ 1.
        double flat = TwinFitting.NormalisedError(new ScaledTanh(0), m, all);
        Assert.True(flat >= 1 && flat < 1.2, $"flat twin: {flat}");
    }

    [Fact]
    public void Calibration_FindsTheHiddenNonlinearity_AndReportsBothHeldOutErrors()
    {
        var system = new LayerSystem<double>(new ScaledTanh(1.3), 2, 2, 0.01, seed: 5);
        var cal = ParametricTwinCalibration.Calibrate(system, k => new ScaledTanh(k), 0.5, 2.0, nominal: 1.0, Options);
        Assert.Equal(1.3, cal.Value, 2);
        Assert.Equal(800, cal.Queries);
        Assert.True(cal.HeldOutNormalisedError < 0.1 * cal.NominalHeldOutNormalisedError, $"calibrated {cal.HeldOutNormalisedError} vs nominal {cal.NominalHeldOutNormalisedError}");
        Assert.True(cal.NominalHeldOutNormalisedError > 0.01, $"κ = 1 vs 1.3 should show: {cal.NominalHeldOutNormalisedError}");
        Assert.Equal(0.0, cal.Twin.Parameters[0].Value.Data.Sum(Math.Abs)); // a fresh twin, not the last one probed
    }

    [Fact]
    public void Calibration_RejectsAnEmptyBracket()
    {
        var system = new LayerSystem<double>(new ScaledTanh(1.3), 2, 2, 0.01, seed: 5);
        Assert.Equal("lo", Assert.Throws<ArgumentOutOfRangeException>(() => ParametricTwinCalibration.Calibrate(system, k => new ScaledTanh(k), 2, 1, 1, Options)).ParamName);
    }
}
