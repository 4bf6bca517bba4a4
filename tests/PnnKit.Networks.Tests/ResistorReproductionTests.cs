using PnnKit.Networks.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

public class ResistorReproductionTests(ITestOutputHelper output)
{
    [Fact]
    public void EighteenEdgeResistorNetwork_LearnsIris_ByCoupledLearning_AndRecoversFromACutEdge()
    {
        var r = CoupledLearningIris.Run(seed: 1);
        output.WriteLine($"coupled learning, {r.Edges}-edge resistor network on Iris: train {r.TrainAccuracy:P1}, test {r.TestAccuracy:P1}; curve {string.Join(" ", r.Curve.Select(c => $"{c.Epoch}:{c.Accuracy:P0}"))}; cut edge {r.CutEdge}: loss {r.LossBeforeCut:F4} → {r.LossAfterCut:F4} → {r.LossRecovered:F4}; {r.Equilibria} equilibria");
        Assert.True(r.TestAccuracy >= 0.9, $"test {r.TestAccuracy:P1}");
        Assert.True(r.LossAfterCut > r.LossBeforeCut && r.LossRecovered < r.LossAfterCut, $"loss {r.LossBeforeCut} → {r.LossAfterCut} → {r.LossRecovered}");
    }

    [Fact]
    public void MarginTargets_MoveOnlyViolators()
    {
        // Correct class 0 already wins by more than the margin: nothing moves.
        Assert.Equal([0.9, 0.5, 0.4], CoupledLearningIris.MarginTargets([0.9, 0.5, 0.4], 0));
        // Class 2 loses to class 0: it is raised to 0.6 + 0.05 and class 0 lowered to 0.45 − 0.05.
        var t = CoupledLearningIris.MarginTargets([0.6, 0.3, 0.45], 2);
        Assert.Equal(0.65, t[2], 12);
        Assert.Equal(0.40, t[0], 12);
        Assert.Equal(0.3, t[1], 12);
    }
}
