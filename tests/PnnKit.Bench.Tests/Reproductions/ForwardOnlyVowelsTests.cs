using PnnKit.Bench.Reproductions;
using PnnKit.Core.Random;
using PnnKit.Dynamics;
using PnnKit.Dynamics.Reproductions;

namespace PnnKit.Bench.Tests.Reproductions;

public class ForwardOnlyVowelsTests
{
    [Fact]
    public void LpcPeakPicking_RecoversTheFormantsOfASynthesizedVowel()
    {
        // One speaker per vowel; the synthesizer scales each formant by a few percent (0.05 and 0.03 log-normal), and the
        // envelope peaks sit within a harmonic spacing (≈ F0) of the resonances.
        foreach (var vowel in VowelFormantFeatures.SixVowels)
        {
            var audio = VowelSynthesizer.Synthesize(vowel, VowelFormantFeatures.SampleRateHz, VowelFormantFeatures.SettleSamples + VowelFormantFeatures.FrameSamples, new Rng(4));
            var (f, _) = VowelFormantFeatures.Formants(audio.AsSpan(VowelFormantFeatures.SettleSamples));
            double[] nominal = [vowel.F1, vowel.F2, vowel.F3];
            for (int k = 0; k < 3; k++)
            {
                Assert.InRange(f[k], (0.8 * nominal[k]) - vowel.F0, (1.2 * nominal[k]) + vowel.F0);
            }
        }
    }

    [Fact]
    public void DataSet_HasSixBalancedClasses_AndIsReproducibleFromTheSeed()
    {
        var a = VowelFormantFeatures.Create(5, 7);
        var b = VowelFormantFeatures.Create(5, 7);
        Assert.Equal(6, a.ClassCount);
        Assert.Equal(30, a.Count);
        Assert.All(Enumerable.Range(0, 6), c => Assert.Equal(5, a.Labels!.Count(y => y == c)));
        Assert.Equal(a.Features.Data, b.Features.Data);
        Assert.NotEqual(a.Features.Data, VowelFormantFeatures.Create(5, 8).Features.Data);
    }

    [Fact]
    public void ReducedRun_CountsQueries_AndLearnsFromForwardQueriesAlone()
    {
        var o = ForwardOnlyVowelsOptions.Quick with { Steps = 1500, PerVowel = 20, BatchSize = 20 };
        var r = ForwardOnlyVowels.Run(o);
        Assert.Equal(2L * 20, r.QueriesPerStep);
        Assert.Equal(r.QueriesPerStep * 1500, r.TrainingQueries);
        Assert.Equal(108, r.Controls);
        Assert.Equal(r.EnergyPerQueryJoules * r.TrainingQueries, r.TrainingEnergyJoules, 1e-12);
        Assert.True(r.TrainAccuracy > r.InitialTestAccuracy + 0.3, $"{r.InitialTestAccuracy} → train {r.TrainAccuracy}");
        var again = ForwardOnlyVowels.Run(o);
        Assert.Equal(r.LatencyTerms, again.LatencyTerms);
        Assert.Equal(r, again with { LossCurve = r.LossCurve, Vowels = r.Vowels, LatencyTerms = r.LatencyTerms });
        // The latency budget of the three 6-mode meshes with NOFUs (OpticalPathLatency's hand check is in the photonics tests):
        // 10.4 mm of waveguide at n_g 4.2 (145.7 ps) and two NOFU responses of 35 ps on chip; DAC, modulator, receiver and ADC off it.
        Assert.Equal(215.7e-12, r.OnChipLatencySeconds, 0.1e-12);
        Assert.Equal(485.7e-12, r.LatencySeconds, 0.1e-12);
        Assert.Equal(6 * 1e-3 / 10e9, r.CoreEnergyPerInferenceJoules, 1e-18);
        Assert.True(r.EnergyPerQueryJoules > 100 * r.CoreEnergyPerInferenceJoules);
    }

    [Fact]
    public void Sweep_ChoosesOnValidation_AndReadingTestDoesNotChangeTheTraining()
    {
        var o = ForwardOnlyVowelsOptions.Quick with { Steps = 300, PerVowel = 20, BatchSize = 20 };
        var sweep = ForwardOnlyVowels.Sweep(o, [1, 2], [10]);
        Assert.Equal(2, sweep.Grid.Count);
        var best = sweep.Grid.MaxBy(p => p.ValidationAccuracy)!;
        // The chosen chip is retrained, seeded alike, to read test: its validation figure is the sweep's own.
        Assert.Equal(best.ValidationAccuracy, sweep.Chosen.ValidationAccuracy);
        Assert.Equal(new Core.Data.SplitSizes(48, 12, 60), sweep.Chosen.Splits); // 120 vowels: half for test, a tenth for validation
        Assert.False(double.IsNaN(sweep.Chosen.TestAccuracy));
    }

    [Fact]
    public void EstimatorComparison_SpendsAnEqualQueryBudget()
    {
        var o = ForwardOnlyVowelsOptions.Quick with { Steps = 216, PerVowel = 5, BatchSize = 10 };
        var runs = ForwardOnlyVowels.CompareEstimators(o, [0.5]);
        Assert.Equal([GradientEstimator.Spsa, GradientEstimator.WeightPerturbation, GradientEstimator.FiniteDifferences], runs.Select(r => r.Estimator));
        Assert.Equal([20L, 20L, 2L * 108 * 10], runs.Select(r => r.QueriesPerStep));
        Assert.Equal([216, 216, 2], runs.Select(r => r.Steps));
        Assert.All(runs, r => Assert.Equal(216L * 20, r.TrainingQueries));
    }

    [Fact]
    public void BadOptions_NameTheParameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ForwardOnlyVowels.Run(ForwardOnlyVowelsOptions.Quick with { TestFraction = 1 }));
        Assert.Equal("TestFraction", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => ForwardOnlyVowels.Run(ForwardOnlyVowelsOptions.Quick with { Perturbation = 0 }));
        Assert.Equal("Perturbation", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => VowelFormantFeatures.Create(0, 1));
    }
}
