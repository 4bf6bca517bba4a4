using PnnKit.Core.Data;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

/// <summary>Reduced reproductions of Li &amp; Mao 2024 (Iris on the 14-node lattice, damage and recovery) and a large lattice.</summary>
public class ReproductionTests
{
    private readonly ITestOutputHelper _output;

    public ReproductionTests(ITestOutputHelper output) => _output = output;

    internal static (double[] X, int[] Y, double[] Xt, int[] Yt) Iris(ulong seed)
    {
        var data = DataCatalog.Load<double>("iris");
        var (train, test) = Splits.TrainTest(data, 0.2, seed);
        var scaler = FeatureScaler.FitStandard(train.Features);
        // A fifth, constant force (a preload) plays the role of a bias.
        static double[] WithPreload(double[] a) => Enumerable.Range(0, a.Length / 4).SelectMany(i => a.Skip(4 * i).Take(4).Append(1.0)).ToArray();
        return (WithPreload(scaler.Transform(train.Features).Data), train.Labels!, WithPreload(scaler.Transform(test.Features).Data), test.Labels!);
    }

    internal static SpringClassifier PaperClassifier(ulong seed)
    {
        // Our choice: a 100:1 stiffness range (bond widths 40 µm to 4 mm). The default 10:1 FDM range
        // reaches about 83% on the same split; the paper's lattice used its own range.
        var springs = new SpringNetwork(TestNetworks.PaperLattice(), new BondMaterial { MinWidth = 0.04e-3 });
        // Four vertical input forces on the second row and a constant horizontal preload at node 9;
        // horizontal displacements of the three top nodes are the outputs.
        ForcePort[] inputs = [new(5, 0, 1), new(6, 0, 1), new(7, 0, 1), new(8, 0, 1), new(9, 1, 0)];
        int[] outputs = [springs.Engine.Dof(11, 0), springs.Engine.Dof(12, 0), springs.Engine.Dof(13, 0)];
        var model = new SpringClassifier(springs, inputs, outputs, seed);
        model.ReadoutGain *= 1000;
        return model;
    }

    [Fact]
    public void PaperLattice_LearnsIris_WithInSituGradients_AboveNinetyPercent()
    {
        var (x, y, xt, yt) = Iris(1);
        var model = PaperClassifier(2);
        double before = model.Accuracy(xt, yt);
        double loss = 0;
        for (int epoch = 0; epoch < 800; epoch++)
        {
            loss = model.TrainStep(x, y, 0.1);
        }
        double train = model.Accuracy(x, y), test = model.Accuracy(xt, yt);
        _output.WriteLine($"Iris on the 14-node lattice: test accuracy {before:P1} before, {test:P1} after 800 in-situ steps (train {train:P1}, loss {loss:F3}); {model.Equilibria} equilibria solved");
        Assert.True(test >= 0.9, $"test accuracy {test:P1}");
    }

    [Fact]
    public void DamagedLattice_StaysRigid_LosesAccuracy_AndRecoversByInSituRetraining()
    {
        var (x, y, xt, yt) = Iris(1);
        var trained = PaperClassifier(2);
        for (int epoch = 0; epoch < 800; epoch++)
        {
            trained.TrainStep(x, y, 0.1);
        }
        double intact = trained.Accuracy(xt, yt);
        // Find the redundant bond whose loss hurts most (critical bonds make the lattice floppy and are refused).
        int worstBond = -1;
        double worstAccuracy = 2;
        int critical = 0;
        for (int j = 0; j < trained.Network.Graph.EdgeCount; j++)
        {
            var probe = trained.Clone();
            try
            {
                probe.CutBond(j);
            }
            catch (Solvers.ZeroModeException)
            {
                critical++;
                continue;
            }
            double acc = probe.Accuracy(xt, yt);
            if (acc < worstAccuracy)
            {
                (worstAccuracy, worstBond) = (acc, j);
            }
        }
        trained.CutBond(worstBond);
        double damaged = trained.Accuracy(xt, yt);
        var curve = new List<string>();
        for (int epoch = 1; epoch <= 300; epoch++)
        {
            trained.TrainStep(x, y, 0.1);
            if (epoch % 50 == 0)
            {
                curve.Add($"{epoch}:{trained.Accuracy(xt, yt):P0}");
            }
        }
        double recovered = trained.Accuracy(xt, yt);
        _output.WriteLine($"damage: intact {intact:P1}; cutting bond {worstBond} (worst of the redundant bonds; {critical} bonds are critical) → {damaged:P1}; retrained in situ → {recovered:P1}; curve {string.Join(" ", curve)}");
        Assert.Equal(damaged, worstAccuracy);
        Assert.True(damaged < intact, "the damage should cost accuracy");
        Assert.True(recovered > damaged && recovered >= 0.8, $"recovered to {recovered:P1}");
    }
}
