using PnnKit.Core.Random;
using Xunit.Abstractions;

namespace PnnKit.Networks.Tests;

public class DiodeLearningTests
{
    private const double High = 3.0; // logic-high source voltage, V (our choice: well above a diode drop)
    private static readonly int[] Sources = [1, 2, 3];
    private static readonly int[] Outputs = [7, 6]; // class 0 (XOR false), class 1 (XOR true)
    private readonly ITestOutputHelper _output;

    public DiodeLearningTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Ground 0; sources x₁ (1), x₂ (2), bias +3 V (3); an OR node 4 fed by diodes 1→4, 2→4; an AND node 5
    /// draining through diodes 5→1, 5→2; outputs 6 and 7. Resistors (trained): 4–0, 5–3, each of
    /// {4, 5, 0, 3} to each output, and leaks 1–0, 2–0 that keep the resistor graph connected.
    /// </summary>
    private static ResistorNetwork XorNetwork()
    {
        Edge[] resistors = [new(4, 0), new(5, 3), new(4, 6), new(5, 6), new(0, 6), new(3, 6), new(4, 7), new(5, 7), new(0, 7), new(3, 7), new(1, 0), new(2, 0)];
        Diode[] diodes = [new(1, 4), new(2, 4), new(5, 1), new(5, 2)];
        return new ResistorNetwork(new NetworkGraph(8, resistors, [0]), diodes);
    }

    private static (double Loss, double[] DLdV) CrossEntropy(double[] v, int label, double gain)
    {
        double z0 = gain * v[Outputs[0]], z1 = gain * v[Outputs[1]];
        double m = Math.Max(z0, z1);
        double s = Math.Exp(z0 - m) + Math.Exp(z1 - m);
        double p1 = Math.Exp(z1 - m) / s;
        double loss = m + Math.Log(s) - (label == 1 ? z1 : z0);
        var d = new double[v.Length];
        d[Outputs[1]] = gain * (p1 - (label == 1 ? 1 : 0));
        d[Outputs[0]] = -d[Outputs[1]];
        return (loss, d);
    }

    [Fact]
    public void DiodeNetwork_InSituGradient_EqualsFiniteDifferences()
    {
        var net = XorNetwork();
        var g = TestNetworks.RandomWeights(net.Graph.EdgeCount, 50, 1e-4, 1e-3);
        double[] volts = [High, 0, High];
        var v = net.Solve(g, Sources, volts);
        var (_, dl) = CrossEntropy(v, 1, 5);
        var grad = net.InSituGradient(g, Sources, v, dl);
        var fd = new double[g.Length];
        for (int j = 0; j < g.Length; j++)
        {
            double h = 1e-6 * g[j];
            var gp = (double[])g.Clone();
            var gm = (double[])g.Clone();
            gp[j] += h;
            gm[j] -= h;
            fd[j] = (CrossEntropy(net.Solve(gp, Sources, volts), 1, 5).Loss - CrossEntropy(net.Solve(gm, Sources, volts), 1, 5).Loss) / (2 * h);
        }
        double err = TestNetworks.RelativeError(grad, fd);
        Assert.True(err < 1e-5, $"relative error {err}");
    }

    [Fact]
    public void DiodeNetwork_LearnsXor_ByInSituGradients()
    {
        var net = XorNetwork();
        var bounds = new BoundedWeight(1e-5, 1e-2); // 100 Ω – 100 kΩ (our choice: a digital-potentiometer-like range)
        var rng = new Rng(51);
        var theta = Enumerable.Range(0, net.Graph.EdgeCount).Select(_ => rng.Normal(0, 0.5)).ToArray();
        var m = new double[theta.Length];
        var s2 = new double[theta.Length];
        (double[] X, int Y)[] data = [([0, 0, High], 0), ([High, 0, High], 1), ([0, High, High], 1), ([High, High, High], 0)];
        int Correct(double[] g) => data.Count(d =>
        {
            var v = net.Solve(g, Sources, d.X);
            return (v[Outputs[1]] > v[Outputs[0]] ? 1 : 0) == d.Y;
        });
        var g0 = theta.Select(bounds.Value).ToArray();
        int before = Correct(g0);
        double loss = 0;
        for (int step = 1; step <= 300; step++)
        {
            var g = theta.Select(bounds.Value).ToArray();
            var grad = new double[g.Length];
            loss = 0;
            foreach (var (x, y) in data)
            {
                var v = net.Solve(g, Sources, x);
                var (l, dl) = CrossEntropy(v, y, 5);
                loss += l / data.Length;
                var gj = net.InSituGradient(g, Sources, v, dl);
                for (int j = 0; j < grad.Length; j++)
                {
                    grad[j] += gj[j] * bounds.Derivative(theta[j]) / data.Length;
                }
            }
            // Adam (Kingma & Ba 2015) on θ, learning rate 0.05.
            double b1 = 1 - Math.Pow(0.9, step), b2 = 1 - Math.Pow(0.999, step);
            for (int j = 0; j < theta.Length; j++)
            {
                m[j] = (0.9 * m[j]) + (0.1 * grad[j]);
                s2[j] = (0.999 * s2[j]) + (0.001 * grad[j] * grad[j]);
                theta[j] -= 0.05 * (m[j] / b1) / (Math.Sqrt(s2[j] / b2) + 1e-12);
            }
        }
        int after = Correct(theta.Select(bounds.Value).ToArray());
        _output.WriteLine($"diode XOR: {before}/4 correct before, {after}/4 after 300 in-situ steps (loss {loss:F3})");
        Assert.Equal(4, after);
    }
}
