using PnnKit.Core.Random;
using PnnKit.Spintronics.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Spintronics.Tests.Reproductions;

/// <summary>NARMA-10 baselines beside the oscillator reservoir: same series, splits and readout.</summary>
public class NarmaBaselinesTests(ITestOutputHelper output)
{
    [Fact]
    public void Baselines_OnNarma10_ReportValidationChosenNmse_AgainstTheReservoir()
    {
        var b = NarmaBaselines.Run();
        foreach (var r in b)
        {
            output.WriteLine($"{r.Model}: {r.Choice}, validation {r.Validation:F4}, test {r.Test:F4}");
        }
        var warm = SpintronicDemos.Narma();
        var cold = SpintronicDemos.Narma(temperature: 0);
        output.WriteLine($"STO 300 K {warm.Reservoir:F4}, 0 K {cold.Reservoir:F4}, linear on the input alone {warm.LinearOnInput:F4}");
        Assert.Equal(2, b.Count);
        Assert.All(b, r => Assert.Equal(40, r.Features));
        var (linear, esn) = (b[0], b[1]);
        // As printed today (validation 400 samples, test 999, read once for the chosen settings).
        Assert.Equal("λ = 1e-10", linear.Choice);
        Assert.Equal(0.1210, linear.Validation, 0.003);
        Assert.Equal(0.1418, linear.Test, 0.003);
        Assert.Equal("ρ = 0.8, input scale 0.1, λ = 1e-10", esn.Choice);
        Assert.Equal(0.1695, esn.Validation, 0.003);
        Assert.Equal(0.1768, esn.Test, 0.003);
        // The single oscillator keeps barely one input sample of memory, so both baselines beat it, at either temperature.
        Assert.True(cold.Reservoir > 3 * Math.Max(linear.Test, esn.Test), $"{cold.Reservoir}");
        Assert.True(warm.Reservoir > cold.Reservoir);
    }

    [Fact]
    public void SpectralRadius_OfAKnownMatrix_IsItsLargestEigenvalueModulus()
    {
        // Block diagonal: a rotation scaled by 0.9 (eigenvalues 0.9 e^(±iπ/5), a complex pair) and a real 0.5.
        double c = 0.9 * Math.Cos(Math.PI / 5), s = 0.9 * Math.Sin(Math.PI / 5);
        double[] w = [c, -s, 0, s, c, 0, 0, 0, 0.5];
        Assert.Equal(0.9, EchoStateNetwork.SpectralRadius(w, 3, new Rng(1)), 1e-9);
    }

    [Fact]
    public void TappedDelays_HoldThePastInputs_ZeroBeforeTheStart()
    {
        var x = NarmaBaselines.TappedDelays([1.0, 2, 3], 2);
        Assert.Equal([1.0, 0, 2, 1, 3, 2], x);
        Assert.Equal("spectralRadius", Assert.Throws<ArgumentOutOfRangeException>(() => new EchoStateNetwork(4, 0, 1, new Rng(1))).ParamName);
    }
}
