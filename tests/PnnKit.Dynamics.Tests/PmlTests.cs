using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Dynamics;
using Xunit.Abstractions;

namespace PnnKit.Dynamics.Tests;

public class PmlTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(7, 0.0)]
    [InlineData(7, -0.2)]
    public void PmlAdjointGradients_EqualFiniteDifferences(int checkpoint, double kerr)
    {
        var layer = new WaveRnn<double>(WaveTests.Small(checkpoint) with { Boundary = WaveBoundary.Pml, KerrCoefficient = kerr });
        new Rng(4).FillUniform(layer.Density.Value.Span, 0.2, 0.8);
        var x = WaveTests.Pulses(2, 45, 9);
        var r = GradientCheck.Run(layer, x, step: 1e-5, maxEntries: 24);
        output.WriteLine(r.ToString());
        r.AssertWithin(1e-6);
    }

    /// <summary>A Ricker pulse of centre frequency f (cycles per unit time), delayed 1.5/f.</summary>
    private static double Ricker(double t, double f)
    {
        double a = Math.PI * f * (t - (1.5 / f));
        return (1 - (2 * a * a)) * Math.Exp(-a * a);
    }

    /// <summary>The trace at <paramref name="probe"/> of a pulse from <paramref name="source"/> on an n×n grid (speed 1, or <paramref name="speed"/>).</summary>
    private static double[] Trace(int n, ReadOnlySpan<double> damping, PerfectlyMatchedLayer? pml, (int X, int Y) source, (int X, int Y) probe, int steps, double[]? speed = null)
    {
        var c = speed ?? new double[n * n];
        if (speed is null)
        {
            c.AsSpan().Fill(1);
        }
        var s = new ScalarWaveSolver(n, n, 1, 0.5, c, damping, pml: pml);
        double[] p = new double[s.StateLength], u = new double[s.StateLength], next = new double[s.StateLength];
        var trace = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            s.Step(p, u, next, default, (source.Y * n) + source.X, Ricker(t * 0.5, 0.1));
            trace[t] = next[(probe.Y * n) + probe.X];
            (p, u, next) = (u, next, p);
        }
        return trace;
    }

    [Fact]
    public void PulseReflection_FromThePml_IsBelowTheDampingLayers()
    {
        // A 40×40 interior inside an 8-cell layer; the probe 3 cells from the layer, on the source's row. The reference is the
        // same interior inside 80 more cells of open grid, from whose edge nothing returns within the 150 time units traced.
        const int interior = 40, w = 8, n = interior + (2 * w), pad = 80, steps = 300;
        var source = (n / 2, n / 2);
        var probe = (w + 3, n / 2);
        var reference = Trace(n + (2 * pad), default, null, (source.Item1 + pad, source.Item2 + pad), (probe.Item1 + pad, probe.Item2 + pad), steps);
        var options = new WaveRnnOptions { Nx = n, Ny = n, H = 1, Dt = 0.5, AbsorberCells = w, DesignRegion = (w, w, 1, 1), Source = new(source.Item1, source.Item2), Probes = [new(probe.Item1, probe.Item2)] };
        var damping = new WaveRnn<double>(options).Damping.ToArray();
        var pml = new PerfectlyMatchedLayer(n, n, 1, 0.5, w, 1);
        double Reflection(double[] trace) => Math.Sqrt(trace.Zip(reference, (a, b) => (a - b) * (a - b)).Sum() / reference.Sum(v => v * v));
        double rDamping = Reflection(Trace(n, damping, null, source, probe, steps));
        double rPml = Reflection(Trace(n, pml.Damping(), pml, source, probe, steps));
        output.WriteLine($"reflected / direct amplitude at the probe: damping layer (σ_max 3, p 4) {rDamping:E3}, PML (R 1e-3) {rPml:E3}");
        // Measured: damping layer 0.388, PML 1.50·10⁻³ (of the direct pulse's amplitude).
        Assert.InRange(rDamping, 0.37, 0.41);
        Assert.InRange(rPml, 1.3e-3, 1.7e-3);
        Assert.True(rPml < rDamping / 100, $"PML {rPml} vs damping {rDamping}");
    }

    /// <summary>
    /// The fast adjoint runs the forward scheme backwards (w = c²Δt² μ), which is exact when the scheme is reciprocal: the trace
    /// at B from a source at A equals the trace at A from B. The damping layer keeps that for any speeds (σ is diagonal). The
    /// PML keeps it in a uniform medium (its term is −D̃ᵀ g D̃, symmetric), but not where a slower design region borders the
    /// layer, as the reproduction's does: there the PML needs its own adjoint.
    /// </summary>
    [Fact]
    public void Reciprocity_HoldsForTheDampingLayer_AndForThePmlInAUniformMedium_ButNotWhereSlowerCellsBorderThePml()
    {
        const int n = 30, w = 5, steps = 160;
        var a = (8, 12);
        var b = (21, 17);
        var slow = new double[n * n];
        slow.AsSpan().Fill(1);
        for (int x = w; x < n - w; x++)
        {
            slow[(w * n) + x] = 0.8; // the first row inside the layer, as the reproduction's design region
        }
        var options = new WaveRnnOptions { Nx = n, Ny = n, H = 1, Dt = 0.5, AbsorberCells = w, DesignRegion = (w, w, 1, 1), Source = new(8, 12), Probes = [new(21, 17)] };
        var damping = new WaveRnn<double>(options).Damping.ToArray();
        var pml = new PerfectlyMatchedLayer(n, n, 1, 0.5, w, 1);
        double Asymmetry(ReadOnlySpan<double> sigma, PerfectlyMatchedLayer? layer, double[]? speed)
        {
            var ab = Trace(n, sigma, layer, a, b, steps, speed);
            var ba = Trace(n, sigma, layer, b, a, steps, speed);
            return Math.Sqrt(ab.Zip(ba, (p, q) => (p - q) * (p - q)).Sum() / ab.Sum(v => v * v));
        }
        double dampingSlow = Asymmetry(damping, null, slow), pmlUniform = Asymmetry(pml.Damping(), pml, null), pmlSlow = Asymmetry(pml.Damping(), pml, slow);
        output.WriteLine($"relative asymmetry of the A→B and B→A traces: damping layer, slow row {dampingSlow:E2}; PML uniform {pmlUniform:E2}; PML, slow row {pmlSlow:E2}");
        Assert.True(dampingSlow < 1e-12);
        Assert.True(pmlUniform < 1e-12);
        Assert.True(pmlSlow > 1e-6);
    }

    [Fact]
    public void Pml_WiderThanTheGrid_IsRefusedNamingTheWidth()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PerfectlyMatchedLayer(10, 10, 1, 0.5, 5, 1));
        Assert.Equal("width", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerfectlyMatchedLayer(20, 20, 1, 0.5, 5, 1, reflection: 1.5));
    }
}
