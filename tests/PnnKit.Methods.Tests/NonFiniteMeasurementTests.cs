using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Methods.Tests;

public class NonFiniteMeasurementTests
{
    /// <summary>A system whose detector saturates to NaN when the first input exceeds 0.9.</summary>
    private sealed class SaturatingSystem(IPhysicalSystem<double> inner) : IPhysicalSystem<double>
    {
        public string Name => "saturating " + inner.Name;

        public int InputSize => inner.InputSize;

        public int OutputSize => inner.OutputSize;

        public int ControlCount => inner.ControlCount;

        public long QueryCount => inner.QueryCount;

        public Tensor<double> Measure(Tensor<double> inputs, ReadOnlySpan<double> controls, CostLedger? ledger = null)
        {
            var y = inner.Measure(inputs, controls, ledger);
            for (int r = 0; r < inputs.Rows; r++)
            {
                if (inputs[r, 0] > 0.9)
                {
                    y[r, 0] = double.NaN;
                }
            }
            return y;
        }
    }

    private static Linear<double> Net() => new(3, 2, new Rng(1));

    private static (Sequential<double> Model, TrainerState State) Train(double[] rows, int[] labels, bool saturating)
    {
        var twin = Net();
        IPhysicalSystem<double> system = new LayerSystem<double>(Net(), 3, 2, 0, 1, "copy");
        if (saturating)
        {
            system = new SaturatingSystem(system);
        }
        var model = new Sequential<double>(new PhysicsAwareLayer<double>(system, twin));
        var data = new Dataset<double>("toy", Tensor<double>.FromArray(rows, labels.Length, 3), labels, 2);
        var trainer = new Trainer<double>(model, new SoftmaxCrossEntropy<double>(), new Sgd<double>(model.Parameters, 0.1),
            new TrainerOptions { Epochs = 3, BatchSize = 4, Shuffle = false });
        return (model, trainer.Fit(data));
    }

    [Fact]
    public void UnmeasurableExamples_AreSkippedAndCounted_AndTheStepIsTheStepOfTheOthers()
    {
        double[] all = [0.1, 0.2, 0.3, 0.95, 0.1, 0.1, -0.4, 0.5, 0.2, 0.3, 0.3, -0.1];
        int[] labels = [0, 1, 1, 0];
        var (model, state) = Train(all, labels, saturating: true);
        Assert.Equal(3, state.SkippedExamples); // one example, three epochs

        // The same training on the three measurable examples alone ends at the same weights.
        double[] good = [.. all[..3], .. all[6..]];
        var (reference, _) = Train(good, [0, 1, 0], saturating: false);
        foreach (var (a, b) in model.Parameters.Zip(reference.Parameters))
        {
            Assert.Equal(b.Value.Data, a.Value.Data);
        }
    }

    [Fact]
    public void ABatchWithNothingMeasurable_IsSkippedWholly()
    {
        var (model, state) = Train([0.95, 0, 0, 0.99, 1, 1], [0, 1], saturating: true);
        Assert.Equal(6, state.SkippedExamples);
        Assert.All(model.Parameters.SelectMany(p => p.Value.Data), v => Assert.True(double.IsFinite(v)));
    }
}
