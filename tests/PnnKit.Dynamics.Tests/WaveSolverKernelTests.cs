using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Dynamics;
using Xunit.Abstractions;

namespace PnnKit.Dynamics.Tests;

/// <summary>
/// The fused, vectorised solver step against the leapfrog update written out cell by cell, the region Laplacian, the in-place
/// speed update, and the adjoint when Backward recomputes the forward fields instead of using the ones Forward kept.
/// </summary>
public class WaveSolverKernelTests(ITestOutputHelper output)
{
    /// <summary>A random field, speeds in [0.6, 1] (CFL holds for Δt = 0.5, h = 1), and a damping pattern with short and long stretches.</summary>
    private static (double[] Speed, double[] Damping, double[] Kerr, double[] Previous, double[] Current) Grid(int nx, int ny, ulong seed)
    {
        var rng = new Rng(seed);
        int n = nx * ny;
        var speed = new double[n];
        var damping = new double[n];
        var kerr = new double[n];
        var prev = new double[n];
        var cur = new double[n];
        for (int i = 0; i < n; i++)
        {
            int x = i % nx, y = i / nx;
            speed[i] = rng.Uniform(0.6, 1.0);
            // A border 3 cells wide, a lone damped cell now and then, and a damped stretch of 2 cells: runs of every length.
            bool border = x < 3 || y < 3 || x >= nx - 3 || y >= ny - 3;
            damping[i] = border || (x * 7 + y) % 11 == 0 || (y == ny / 2 && x is 9 or 10) ? rng.Uniform(0.1, 2) : 0;
            kerr[i] = rng.Uniform(-0.2, 0.2);
            prev[i] = rng.Uniform(-1, 1);
            cur[i] = rng.Uniform(-1, 1);
        }
        return (speed, damping, kerr, prev, cur);
    }

    [Theory]
    [InlineData(23, 9, false)]
    [InlineData(41, 17, false)]
    [InlineData(41, 17, true)]
    [InlineData(5, 4, false)]
    [InlineData(2, 3, true)]
    public void Step_MatchesTheLeapfrogUpdateWrittenOutCellByCell(int nx, int ny, bool nonlinear)
    {
        const double H = 1, Dt = 0.5, SourceValue = 0.7;
        var (speed, damping, kerr, prev, cur) = Grid(nx, ny, 3);
        var solver = new ScalarWaveSolver(nx, ny, H, Dt, speed, damping, nonlinear ? kerr : default);
        int source = ((ny / 2) * nx) + (nx / 3);
        var next = new double[nx * ny];
        var lap = new double[nx * ny];
        solver.Step(prev, cur, next, lap, source, SourceValue);
        double worst = 0;
        for (int y = 0; y < ny; y++)
        {
            for (int x = 0; x < nx; x++)
            {
                int i = (y * nx) + x;
                double U(int xx, int yy) => xx < 0 || yy < 0 || xx >= nx || yy >= ny ? 0 : cur[(yy * nx) + xx];
                double l = (U(x - 1, y) + U(x + 1, y) + U(x, y - 1) + U(x, y + 1) - (4 * cur[i])) / (H * H);
                double a = 1 / (1 + (damping[i] * Dt / 2)), b = 1 - (damping[i] * Dt / 2);
                double c2 = speed[i] * speed[i] * (nonlinear ? 1 + (kerr[i] * cur[i] * cur[i]) : 1);
                double expected = a * ((2 * cur[i]) - (b * prev[i]) + (c2 * Dt * Dt * l) + (i == source ? Dt * Dt * SourceValue : 0));
                worst = Math.Max(worst, Math.Max(Math.Abs(next[i] - expected), Math.Abs(lap[i] - l)));
            }
        }
        output.WriteLine($"{nx}×{ny}: largest difference {worst:E2}");
        Assert.True(worst < 1e-13, $"{worst}");
    }

    [Fact]
    public void RegionLaplacian_EqualsTheFullLaplacianThere()
    {
        int nx = 29, ny = 13;
        var (speed, _, _, _, u) = Grid(nx, ny, 5);
        var solver = new ScalarWaveSolver(nx, ny, 0.8, 0.3, speed);
        var full = new double[nx * ny];
        solver.Laplacian(u, full);
        foreach (var (x0, y0, w, h) in new[] { (0, 0, nx, ny), (3, 2, 17, 6), (0, 4, 5, 9), (20, 0, 9, 1), (6, 5, 2, 3) })
        {
            var part = new double[w * h];
            solver.Laplacian(u, x0, y0, w, h, part);
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    double e = full[((y0 + y) * nx) + x0 + x];
                    Assert.Equal(e, part[(y * w) + x], 1e-13 * (1 + Math.Abs(e)));
                }
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => solver.Laplacian(u, 20, 0, 10, 1, new double[10]));
    }

    [Fact]
    public void SetSpeed_GivesTheSolverBuiltWithThoseSpeeds_AndKeepsTheCflCheck()
    {
        int nx = 19, ny = 11;
        var (speed, damping, _, prev, cur) = Grid(nx, ny, 7);
        var (other, _, _, _, _) = Grid(nx, ny, 8);
        var reused = new ScalarWaveSolver(nx, ny, 1, 0.5, speed, damping);
        reused.SetSpeed(other);
        var fresh = new ScalarWaveSolver(nx, ny, 1, 0.5, other, damping);
        var a = new double[nx * ny];
        var b = new double[nx * ny];
        reused.Step(prev, cur, a, default);
        fresh.Step(prev, cur, b, default);
        Assert.Equal(b, a);
        Assert.Contains(a, v => v != 0);
        var fast = Enumerable.Repeat(1.5, nx * ny).ToArray();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => reused.SetSpeed(fast));
        Assert.Contains("CFL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_RefusesANextFieldThatOverlapsItsInputs()
    {
        var c = Enumerable.Repeat(1.0, 36).ToArray();
        var solver = new ScalarWaveSolver(6, 6, 1, 0.5, c);
        var prev = new double[36];
        var cur = new double[36];
        Assert.Throws<ArgumentException>(() => solver.Step(prev, cur, prev, default));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7, 0)]
    [InlineData(7, -0.2)]
    public void RecomputedAdjointGradients_EqualFiniteDifferences(int checkpoint, double kerr)
    {
        // No trace kept by Forward: Backward records the checkpoints again and recomputes the fields segment by segment.
        var layer = new WaveRnn<double>(WaveTests.Small(checkpoint) with { KerrCoefficient = kerr }) { MaxCachedTraceBytes = 0 };
        new Rng(4).FillUniform(layer.Density.Value.Span, 0.2, 0.8);
        var x = WaveTests.Pulses(2, 45, 9);
        var r = GradientCheck.Run(layer, x, step: 1e-5, maxEntries: 24);
        output.WriteLine(r.ToString());
        r.AssertWithin(1e-6);
    }

    [Fact]
    public void KeptAndRecomputedAdjoints_GiveTheSameGradient_ForEveryCheckpointInterval()
    {
        var x = WaveTests.Pulses(2, 40, 3);
        (double[] Density, double[] Input) Grad(int k, long cache)
        {
            var layer = new WaveRnn<double>(WaveTests.Small(k)) { MaxCachedTraceBytes = cache };
            new Rng(4).FillUniform(layer.Density.Value.Span, 0.2, 0.8);
            var y = layer.Forward(x, ForwardContext.Train());
            var g = Tensor<double>.ZerosLike(y);
            g.Fill(1);
            var gx = layer.Backward(g);
            return (layer.Density.Grad.Data, gx.Data);
        }
        var kept = Grad(0, long.MaxValue);
        Assert.Contains(kept.Density, v => v != 0);
        foreach (int k in new[] { 1, 6, 40 })
        {
            var recomputed = Grad(k, 0);
            for (int i = 0; i < kept.Density.Length; i++)
            {
                Assert.Equal(kept.Density[i], recomputed.Density[i], 1e-12 * (1 + Math.Abs(kept.Density[i])));
            }
            for (int i = 0; i < kept.Input.Length; i++)
            {
                Assert.Equal(kept.Input[i], recomputed.Input[i], 1e-12 * (1 + Math.Abs(kept.Input[i])));
            }
        }
    }
}
