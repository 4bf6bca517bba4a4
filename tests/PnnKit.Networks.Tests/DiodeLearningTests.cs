using PnnKit.Networks.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

public class DiodeLearningTests
{
    private readonly ITestOutputHelper _output;

    public DiodeLearningTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void DiodeNetwork_InSituGradient_EqualsFiniteDifferences()
    {
        var net = DiodeXor.Network();
        var g = TestNetworks.RandomWeights(net.Graph.EdgeCount, 50, 1e-4, 1e-3);
        double[] volts = [DiodeXor.High, 0, DiodeXor.High];
        var v = net.Solve(g, DiodeXor.Sources, volts);
        var (_, dl) = DiodeXor.CrossEntropy(v, 1);
        var grad = net.InSituGradient(g, DiodeXor.Sources, v, dl);
        var fd = new double[g.Length];
        for (int j = 0; j < g.Length; j++)
        {
            double h = 1e-6 * g[j];
            var gp = (double[])g.Clone();
            var gm = (double[])g.Clone();
            gp[j] += h;
            gm[j] -= h;
            fd[j] = (DiodeXor.CrossEntropy(net.Solve(gp, DiodeXor.Sources, volts), 1).Loss - DiodeXor.CrossEntropy(net.Solve(gm, DiodeXor.Sources, volts), 1).Loss) / (2 * h);
        }
        double err = TestNetworks.RelativeError(grad, fd);
        Assert.True(err < 1e-5, $"relative error {err}");
    }

    [Fact]
    public void DiodeNetwork_LearnsXor_ByInSituGradients()
    {
        var r = DiodeXor.Run();
        _output.WriteLine($"diode XOR: {r.CorrectBefore}/4 correct before, {r.CorrectAfter}/4 after {r.Steps} in-situ steps (loss {r.LossBefore:F3} → {r.LossAfter:F3}); margins {string.Join(", ", r.Margins.Select(m => $"{m.X1}{m.X2}: {m.Margin:F3} V"))}");
        Assert.Equal(4, r.CorrectAfter);
        Assert.True(r.LossAfter < r.LossBefore, $"loss {r.LossBefore} → {r.LossAfter}");
    }

    [Fact]
    public void DiodeXor_RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DiodeXor.Run(steps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiodeXor.CrossEntropy(new double[8], 2));
    }
}
