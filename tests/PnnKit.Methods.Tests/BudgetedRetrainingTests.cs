using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Methods;

namespace PnnKit.Methods.Tests;

public class BudgetedRetrainingTests
{
    [Fact]
    public void GainOffset_GradientsMatchFiniteDifferences()
    {
        var layer = new OutputGainOffset<double>(3);
        new Rng(1).FillNormal(layer.Gain.Value.Span, 1, 0.5);
        new Rng(2).FillNormal(layer.Offset.Value.Span, 0, 0.5);
        var x = new Tensor<double>(5, 3);
        new Rng(3).FillNormal(x.Span, 0, 1);
        GradientCheck.Run(layer, x).AssertWithin(1e-7);
    }

    /// <summary>Three Gaussian blobs in the plane, classes 0, 1, 2.</summary>
    private static Dataset<double> Blobs(int count, ulong seed)
    {
        var rng = new Rng(seed);
        double[][] centers = [[2, 0], [-1, 1.7], [-1, -1.7]];
        var x = new Tensor<double>(count, 2);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 3;
            x[i, 0] = centers[labels[i]][0] + rng.Normal(0, 0.5);
            x[i, 1] = centers[labels[i]][1] + rng.Normal(0, 0.5);
        }
        return new Dataset<double>("blobs", x, labels, 3);
    }

    /// <summary>The ideal classifier (logits = c_j·x) followed by an "aged" read-out: shrunk gains and column offsets it does not know about.</summary>
    private static (Sequential<double> Ideal, Sequential<double> Aged) Classifier()
    {
        var linear = new Linear<double>(2, 3, new Rng(5), bias: false);
        double[][] c = [[2, 0], [-1, 1.7], [-1, -1.7]];
        for (int j = 0; j < 3; j++)
        {
            linear.Weight.Value[j, 0] = c[j][0];
            linear.Weight.Value[j, 1] = c[j][1];
        }
        var drift = new OutputGainOffset<double>(3);
        double[] gain = [0.3, 0.2, 0.25], offset = [-1.0, 1.2, 0.1];
        gain.CopyTo(drift.Gain.Value.Span);
        offset.CopyTo(drift.Offset.Value.Span);
        return (new Sequential<double>(linear), new Sequential<double>(linear, drift));
    }

    private static double Accuracy(ILayer<double> model, Dataset<double> test) =>
        Trainer<double>.Evaluate(model, new SoftmaxCrossEntropy<double>(), test, 256, ForwardContext.Eval(1)).Accuracy!.Value;

    [Theory]
    [InlineData(30)]
    [InlineData(300)] // more than one query batch
    public void Retraining_SpendsExactlyTheBudget_AndRecoversTheAgedReadout(int budget)
    {
        var (ideal, aged) = Classifier();
        var train = Blobs(600, 10);
        var test = Blobs(600, 11);
        var system = new DeployedInstance<double>(aged, 2, 3, ageSeconds: 86_400, temperatureKelvin: 300, seed: 4);
        var ledger = new CostLedger();
        var fit = BudgetedRetraining.FitOutputCorrection<double>(system, [], train, budget, seed: 7, ledger);

        Assert.Equal(budget, fit.Queries);
        Assert.Equal(budget, system.QueryCount);
        Assert.Equal(budget, ledger.Inferences);
        Assert.Equal(0, fit.SkippedNonFinite);
        Assert.True(fit.LossAfter < fit.LossBefore, $"{fit.LossBefore} → {fit.LossAfter}");
        double idealAcc = Accuracy(ideal, test), agedAcc = Accuracy(aged, test), retrained = Accuracy(new Sequential<double>(aged, fit.Correction), test);
        Assert.True(idealAcc > 0.95, $"ideal {idealAcc}");
        Assert.True(agedAcc < idealAcc - 0.15, $"the unknown offsets should hurt: {agedAcc} vs {idealAcc}");
        Assert.True(retrained > idealAcc - 0.03, $"retrained {retrained} vs ideal {idealAcc}");
    }

    [Fact]
    public void Retraining_IsReproducibleFromTheSeed()
    {
        var train = Blobs(200, 10);
        double[] Fit(ulong seed)
        {
            var system = new DeployedInstance<double>(Classifier().Aged, 2, 3, 1, 300, 4);
            var c = BudgetedRetraining.FitOutputCorrection<double>(system, [], train, 20, seed).Correction;
            return [.. c.Gain.Value.Data, .. c.Offset.Value.Data];
        }
        Assert.Equal(Fit(3), Fit(3));
        Assert.NotEqual(Fit(3), Fit(4)); // another seed draws other examples
    }

    /// <summary>Reads out the aged classifier but loses every fifth example's read-out (NaN).</summary>
    private sealed class FlakyReadout(IPhysicalSystem<double> inner) : IPhysicalSystem<double>
    {
        public string Name => "flaky";
        public int InputSize => inner.InputSize;
        public int OutputSize => inner.OutputSize;
        public int ControlCount => 0;
        public long QueryCount => inner.QueryCount;

        public Tensor<double> Measure(Tensor<double> inputs, ReadOnlySpan<double> controls, CostLedger? ledger = null)
        {
            long first = inner.QueryCount;
            var y = inner.Measure(inputs, controls, ledger);
            for (int i = 0; i < y.Rows; i++)
            {
                if ((first + i) % 5 == 0)
                {
                    y[i, 1] = double.NaN;
                }
            }
            return y;
        }
    }

    [Fact]
    public void NonFiniteReadouts_AreSkippedAndCounted_StillWithinTheBudget()
    {
        var train = Blobs(90, 10);
        var system = new FlakyReadout(new DeployedInstance<double>(Classifier().Aged, 2, 3, 1, 300, 4));
        var fit = BudgetedRetraining.FitOutputCorrection<double>(system, [], train, 60, 2);
        Assert.Equal(60, system.QueryCount);
        Assert.Equal(12, fit.SkippedNonFinite);
        Assert.True(double.IsFinite(fit.LossAfter) && fit.LossAfter < fit.LossBefore);
    }

    [Fact]
    public void BadBudget_ThrowsNamingIt()
    {
        var train = Blobs(30, 10);
        var system = new DeployedInstance<double>(Classifier().Aged, 2, 3, 1, 300, 4);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => BudgetedRetraining.FitOutputCorrection<double>(system, [], train, 31, 1)).ParamName);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => BudgetedRetraining.FitOutputCorrection<double>(system, [], train, 0, 1)).ParamName);
        Assert.Equal(0, system.QueryCount);
    }
}
