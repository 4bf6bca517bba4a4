using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Dynamics;
using Xunit.Abstractions;

namespace PnnKit.Dynamics.Tests;

public class WaveTests(ITestOutputHelper output)
{
    internal static WaveRnnOptions Small(int checkpoint = 0) => new()
    {
        Nx = 14,
        Ny = 12,
        Dt = 0.5,
        DesignRegion = (4, 3, 6, 6),
        Source = new(2, 6),
        Probes = [new(11, 4), new(11, 8)],
        AbsorberCells = 2,
        AbsorberStrength = 1,
        ProjectionBeta = 4,
        CheckpointInterval = checkpoint,
    };

    internal static Tensor<double> Pulses(int batch, int steps, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new Tensor<double>(batch, steps);
        for (int b = 0; b < batch; b++)
        {
            double f = rng.Uniform(0.15, 0.35);
            for (int n = 0; n < steps; n++)
            {
                x[b, n] = Math.Sin(f * n) * Math.Exp(-Math.Pow((n - 10) / 6.0, 2));
            }
        }
        return x;
    }

    [Fact]
    public void LosslessSolver_ConservesDiscreteEnergy_Over5000Steps()
    {
        int nx = 30, ny = 24;
        var rng = new Rng(2);
        var c = new double[nx * ny];
        for (int i = 0; i < c.Length; i++)
        {
            c[i] = rng.Uniform(0.6, 1.0);
        }
        var s = new ScalarWaveSolver(nx, ny, 1.0, 0.65, c);
        var prev = new double[nx * ny];
        var cur = new double[nx * ny];
        var next = new double[nx * ny];
        var lap = new double[nx * ny];
        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                cur[(y * nx) + x] = prev[(y * nx) + x] = Math.Exp(-(Math.Pow(x - 12, 2) + Math.Pow(y - 10, 2)) / 8);
            }
        }
        s.Step(prev, cur, next, lap);
        double e0 = s.Energy(cur, next);
        double maxDrift = 0;
        for (int n = 0; n < 5000; n++)
        {
            (prev, cur, next) = (cur, next, prev);
            s.Step(prev, cur, next, lap);
            maxDrift = Math.Max(maxDrift, Math.Abs(s.Energy(cur, next) - e0) / e0);
        }
        output.WriteLine($"energy {e0:E6}, max relative drift over 5000 steps {maxDrift:E2}");
        Assert.True(e0 > 0);
        Assert.True(maxDrift < 1e-10, $"drift {maxDrift}");
    }

    [Fact]
    public void AbsorbingLayer_RemovesEnergy()
    {
        int nx = 30, ny = 30, w = 8;
        var c = Enumerable.Repeat(1.0, nx * ny).ToArray();
        var sigma = new double[nx * ny];
        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                int d = Math.Max(Math.Max(w - x, x - (nx - 1 - w)), Math.Max(w - y, y - (ny - 1 - w)));
                sigma[(y * nx) + x] = d > 0 ? 1.0 * Math.Pow((double)d / w, 2) : 0;
            }
        }
        var s = new ScalarWaveSolver(nx, ny, 1.0, 0.5, c, sigma);
        var prev = new double[nx * ny];
        var cur = new double[nx * ny];
        var next = new double[nx * ny];
        var lap = new double[nx * ny];
        cur[(15 * nx) + 15] = prev[(15 * nx) + 15] = 1;
        s.Step(prev, cur, next, lap);
        double e0 = s.Energy(cur, next);
        for (int n = 0; n < 800; n++)
        {
            (prev, cur, next) = (cur, next, prev);
            s.Step(prev, cur, next, lap);
        }
        double e1 = s.Energy(cur, next);
        output.WriteLine($"energy left after 800 steps with absorber: {e1 / e0:E2}");
        Assert.True(e1 < 0.01 * e0, $"{e1 / e0}");
    }

    [Fact]
    public void TimeStepBeyondCfl_IsRefusedWithTheLimit()
    {
        var c = Enumerable.Repeat(1.0, 25).ToArray();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ScalarWaveSolver(5, 5, 1.0, 0.71, c));
        Assert.Contains("CFL", ex.Message, StringComparison.Ordinal);
        _ = new ScalarWaveSolver(5, 5, 1.0, 0.7, c);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaveRnn<double>(Small() with { Dt = 0.75 }));
    }

    [Fact]
    public void NegativeDamping_IsRefused()
    {
        var c = Enumerable.Repeat(1.0, 25).ToArray();
        var s = new double[25];
        s[3] = -0.1;
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScalarWaveSolver(5, 5, 1.0, 0.5, c, s));
    }

    [Fact]
    public void ProbeOrSourceOutsideTheGrid_IsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new WaveRnn<double>(Small() with { Probes = [new(14, 3)] }));
        Assert.Contains("outside", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaveRnn<double>(Small() with { Probes = [new(3, -1)] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaveRnn<double>(Small() with { Source = new(0, 12) }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void AdjointGradients_EqualFiniteDifferences(int checkpoint)
    {
        var layer = new WaveRnn<double>(Small(checkpoint));
        var rng = new Rng(4);
        rng.FillUniform(layer.Density.Value.Span, 0.2, 0.8);
        var x = Pulses(2, 45, 9);
        var r = GradientCheck.Run(layer, x, step: 1e-5, maxEntries: 24);
        output.WriteLine(r.ToString());
        r.AssertWithin(1e-6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void KerrAdjointGradients_EqualFiniteDifferences(int checkpoint)
    {
        var layer = new WaveRnn<double>(Small(checkpoint) with { KerrCoefficient = -0.2 });
        new Rng(4).FillUniform(layer.Density.Value.Span, 0.2, 0.8);
        var x = Pulses(2, 45, 9);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= 2;
        }
        var r = GradientCheck.Run(layer, x, step: 1e-5, maxEntries: 24);
        output.WriteLine(r.ToString());
        r.AssertWithin(1e-6);
    }

    [Fact]
    public void KerrAdjointGradients_AtTheReproductionsCoefficientAndVowelInput_EqualFiniteDifferences()
    {
        // The vowel reproduction's K on unit-RMS vowels, the amplitude it trains at.
        double k = new PnnKit.Dynamics.Reproductions.WaveRnnVowelsOptions().KerrCoefficient;
        Assert.NotEqual(0, k);
        var layer = new WaveRnn<double>(Small() with { KerrCoefficient = k });
        new Rng(5).FillUniform(layer.Density.Value.Span, 0.2, 0.8);
        var (vowels, _) = PnnKit.Dynamics.Reproductions.WaveRnnVowels.Dataset(PnnKit.Dynamics.Reproductions.WaveRnnVowelsOptions.Quick with { Men = 1, Women = 0, Samples = 60 });
        var r = GradientCheck.Run(layer, vowels, step: 1e-5, maxEntries: 24);
        output.WriteLine(r.ToString());
        r.AssertWithin(1e-6);
    }

    [Fact]
    public void KerrNonlinearity_BreaksQuadraticScaling_LinearSolverKeepsIt()
    {
        var x = Pulses(1, 45, 9);
        var x2 = x.Clone();
        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= 2;
            x2[i] *= 4;
        }
        double Ratio(double kerr)
        {
            var layer = new WaveRnn<double>(Small() with { KerrCoefficient = kerr });
            new Rng(4).FillUniform(layer.Density.Value.Span, 0.6, 0.9);
            return layer.Forward(x2, ForwardContext.Eval())[0] / layer.Forward(x, ForwardContext.Eval())[0];
        }
        double linear = Ratio(0), kerr = Ratio(-0.2);
        output.WriteLine($"output ratio for doubled input: linear {linear:F6}, Kerr {kerr:F6}");
        Assert.Equal(4, linear, 9);
        Assert.True(Math.Abs(kerr - 4) > 0.01, $"{kerr}");
    }

    [Fact]
    public void UnstableKerrField_IsReportedNotReturnedAsNaN()
    {
        var layer = new WaveRnn<double>(Small() with { KerrCoefficient = -0.5 });
        new Rng(4).FillUniform(layer.Density.Value.Span, 0.6, 0.9);
        var x = Pulses(1, 45, 9);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= 40;
        }
        var ex = Assert.Throws<InvalidOperationException>(() => layer.Forward(x, ForwardContext.Eval()));
        Assert.Contains("non-finite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid140_ForwardAndAdjoint_RunAndReportCellUpdatesPerSecond()
    {
        var opts = new WaveRnnOptions
        {
            Nx = 140,
            Ny = 140,
            DesignRegion = (40, 40, 60, 60),
            Source = new(20, 70),
            Probes = [new(120, 50), new(120, 70), new(120, 90)],
            AbsorberCells = 20,
        };
        var layer = new WaveRnn<double>(opts);
        int steps = 200;
        var x = new Tensor<double>(1, steps);
        for (int n = 0; n < steps; n++)
        {
            x[0, n] = Math.Sin(0.3 * n);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var y = layer.Forward(x, ForwardContext.Train());
        double forward = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var g = Tensor<double>.ZerosLike(y);
        g.Fill(1);
        layer.Backward(g);
        double backward = clock.Elapsed.TotalSeconds;
        double updates = 140.0 * 140 * steps;
        // Printed, never asserted (no wall-clock assertions). The adjoint pass includes the checkpointed re-run.
        output.WriteLine($"140×140 grid, {steps} steps: forward {updates / forward / 1e6:F1} M cell-updates/s, adjoint {updates / backward / 1e6:F1} M cell-updates/s");
        Assert.True(y[0] > 0);
        Assert.Contains(layer.Density.Grad.Data, v => v != 0);
    }

    [Fact]
    public void CheckpointInterval_DoesNotChangeTheGradient()
    {
        var x = Pulses(1, 40, 3);
        double[] Grad(int k)
        {
            var layer = new WaveRnn<double>(Small(k));
            new Rng(4).FillUniform(layer.Density.Value.Span, 0.2, 0.8);
            var y = layer.Forward(x, ForwardContext.Train());
            var g = Tensor<double>.ZerosLike(y);
            g.Fill(1);
            layer.Backward(g);
            return layer.Density.Grad.Data;
        }
        var g1 = Grad(1);
        var g40 = Grad(40);
        var g6 = Grad(6);
        for (int i = 0; i < g1.Length; i++)
        {
            Assert.Equal(g40[i], g1[i], 1e-12 * (1 + Math.Abs(g40[i])));
            Assert.Equal(g40[i], g6[i], 1e-12 * (1 + Math.Abs(g40[i])));
        }
    }

    [Fact]
    public void FloatLayer_MatchesDoubleLayer()
    {
        var x = Pulses(2, 30, 5);
        var yd = new WaveRnn<double>(Small()).Forward(x, ForwardContext.Eval());
        var yf = new WaveRnn<float>(Small()).Forward(x.Cast<float>(), ForwardContext.Eval());
        for (int i = 0; i < yd.Length; i++)
        {
            Assert.Equal(yd[i], yf[i], 1e-5 * Math.Abs(yd[i]) + 1e-12);
        }
        Assert.True(yd[0] > 0);
    }
}
