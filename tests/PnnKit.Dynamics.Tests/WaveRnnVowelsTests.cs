using PnnKit.Core.Costs;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Dynamics;
using PnnKit.Dynamics.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Dynamics.Tests;

public class WaveRnnVowelsTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void VanillaRnn_BackpropagationThroughTime_EqualsFiniteDifferences(int frame)
    {
        var rnn = new VanillaRnn(5, 3, new Rng(2), frame);
        var x = new Tensor<double>(2, 9);
        new Rng(3).FillNormal(x.Span, 0, 1);
        var r = GradientCheck.Run(rnn, x, step: 1e-6, maxEntries: 30);
        output.WriteLine(r.ToString());
        r.AssertWithin(1e-6);
    }

    [Fact]
    public void VanillaRnn_ParameterBudget_IsTheLargestThatFits()
    {
        foreach (int frame in new[] { 1, 10 })
        {
            int h = VanillaRnn.HiddenForBudget(5000, 3, frame);
            Assert.True(new VanillaRnn(h, 3, new Rng(1), frame).ParameterCount <= 5000);
            Assert.True(new VanillaRnn(h + 1, 3, new Rng(1), frame).ParameterCount > 5000);
        }
        Assert.Throws<ArgumentException>(() => new VanillaRnn(4, 3, new Rng(1), 10).Forward(new Tensor<double>(1, 25), ForwardContext.Eval()));
    }

    [Fact]
    public void PaperGeometry_MatchesWavetorchsLinearThreeVowelStudy()
    {
        var g = new WaveRnnVowelsOptions().Geometry();
        // cv_linear.yml: 140×140, pml 20, source (pml + 20, N/2), probes at x = N − pml − 20 spaced 35 and centred in y.
        Assert.Equal((140, 140), (g.Nx, g.Ny));
        Assert.Equal(new GridPoint(40, 70), g.Source);
        Assert.Equal([new GridPoint(99, 35), new GridPoint(99, 70), new GridPoint(99, 105)], g.Probes);
        Assert.Equal((45, 20, 49, 100), g.DesignRegion);
        Assert.True(g.Dt <= ScalarWaveSolver.MaxStableTimeStep(g.H, 1.0));
    }

    [Fact]
    public void Forward_ChargesSourceAndProbeConverters_AndNamesWhatIsLeftOut()
    {
        var options = WaveRnnVowelsOptions.Quick;
        var layer = new WaveRnn<double>(options.Geometry());
        var (x, _) = WaveRnnVowels.Dataset(options with { Men = 1, Women = 1 });
        var ledger = new CostLedger();
        layer.Forward(x, new ForwardContext(Mode.Eval, new Rng(1)) { Ledger = ledger });
        var model = new WaveTransducers();
        double expected = x.Rows * model.EnergyPerUtterance(options.Samples, 3);
        Assert.Equal(expected, ledger.Entries.Sum(e => e.EnergyJoules), 12);
        Assert.Equal(x.Rows * options.Samples, ledger.Entries.Single(e => e.Component == "wave RNN source DAC").Uses);
        Assert.Contains("wave RNN source transducer and probe sensors", ledger.Excluded.Keys);
    }

    [Fact]
    public void QuickReproduction_BothNetworksLearnTheVowels()
    {
        var r = WaveRnnVowels.Run(WaveRnnVowelsOptions.Quick, output.WriteLine);
        var (wave, waveStd) = r.WaveTest;
        var (rnn, rnnStd) = r.RnnTest;
        output.WriteLine($"{r.Utterances} utterances, {r.DesignCells} design cells, RNN H = {r.RnnHidden} ({r.RnnParameters} parameters)");
        output.WriteLine($"wave RNN test {wave:P1} ± {waveStd:P1}; digital RNN test {rnn:P1} ± {rnnStd:P1}; {r.SourceProbeEnergyJoules:E2} J per utterance");
        Assert.Equal(36, r.Utterances);
        Assert.True(r.RnnParameters <= r.DesignCells);
        Assert.True(r.Folds.Average(f => f.WaveTrain) > 0.6, "wave RNN fails to fit its training folds");
        Assert.True(wave > 0.5, $"wave RNN held-out accuracy {wave}");
    }
}
