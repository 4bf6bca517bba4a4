using PnnKit.Networks.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

/// <summary>Reduced reproductions of Li &amp; Mao 2024 (Iris on the 14-node lattice, damage and recovery) and a large lattice.</summary>
public class ReproductionTests
{
    private readonly ITestOutputHelper _output;

    public ReproductionTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void PaperLattice_LearnsIris_WithInSituGradients_AboveNinetyPercent()
    {
        var (x, y, xt, yt) = MechanicalIris.Iris(1);
        var model = MechanicalIris.Classifier(2);
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
        var r = MechanicalIris.Run(seed: 1, trainSteps: 800, retrainSteps: 300);
        double recovered = r.RecoveryCurve[^1].Accuracy;
        _output.WriteLine($"damage: intact {r.IntactTestAccuracy:P1}; cutting bond {r.CutBond} (worst of the redundant bonds; critical bonds: {string.Join(", ", r.CriticalBonds)}) → {r.DamagedTestAccuracy:P1}; retrained in situ → {recovered:P1}; curve {string.Join(" ", r.RecoveryCurve.Select(c => $"{c.Step}:{c.Accuracy:P0}"))}");
        Assert.NotEmpty(r.CriticalBonds);
        Assert.DoesNotContain(r.CutBond, r.CriticalBonds);
        Assert.True(r.DamagedTestAccuracy < r.IntactTestAccuracy, "the damage should cost accuracy");
        Assert.True(recovered > r.DamagedTestAccuracy && recovered >= 0.8, $"recovered to {recovered:P1}");
    }
}
