using PnnKit.Core.Random;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Tests.Devices;

public class PcmNoiseModelTests
{
    private static (double Mean, double Std) Stats(List<double> v)
    {
        double m = v.Average();
        return (m, Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1)));
    }

    [Fact]
    public void ProgrammingSigma_IsThePolynomialInRelativeConductance()
    {
        var pcm = new PcmNoiseModel();
        // g = 10 µS: r = 0.4, σ = 0.26348 + 1.9650·0.4 − 1.1731·0.16 µS.
        Assert.Equal((0.26348 + (1.9650 * 0.4) - (1.1731 * 0.16)) * 1e-6, pcm.ProgrammingSigma(10e-6), 1e-15);
        Assert.Equal(0.26348e-6, pcm.ProgrammingSigma(0), 1e-15);
    }

    [Theory]
    [InlineData(10e-6)]
    [InlineData(22e-6)]
    public void ProgrammedConductance_HasMeanTargetAndStdSigma_OverManySamples(double g)
    {
        var pcm = new PcmNoiseModel();
        var rng = new Rng(11);
        var s = Enumerable.Range(0, 40000).Select(_ => pcm.SampleProgrammed(g, rng)).ToList();
        var (mean, std) = Stats(s);
        double sigma = pcm.ProgrammingSigma(g);
        Assert.Equal(g, mean, 4 * sigma / Math.Sqrt(s.Count));
        Assert.InRange(std / sigma, 0.97, 1.03);
    }

    [Theory]
    [InlineData(0.5, 0.049, 0.008)] // both clamped to their floors
    [InlineData(0.1, 0.06009, 0.02288)] // μ = −0.0155 ln 0.1 + 0.0244, σ = −0.0125 ln 0.1 − 0.0059
    public void DriftExponent_HasTheFittedMeanAndStd(double relative, double mu, double sigma)
    {
        var (m, s) = PcmNoiseModel.DriftStatistics(relative);
        Assert.Equal(mu, m, 1e-4);
        Assert.Equal(sigma, s, 1e-4);
        var pcm = new PcmNoiseModel();
        var rng = new Rng(12);
        var nus = Enumerable.Range(0, 40000).Select(_ => pcm.SampleDriftExponent(relative * pcm.GMax, rng)).ToList();
        var (mean, std) = Stats(nus);
        Assert.Equal(mu, mean, 5 * sigma / Math.Sqrt(nus.Count));
        Assert.InRange(std / sigma, 0.96, 1.04);
    }

    [Fact]
    public void Drift_FollowsPowerLawFromT0()
    {
        var pcm = new PcmNoiseModel();
        Assert.Equal(20e-6, pcm.Drift(20e-6, 0.05, 0), 1e-18); // age 0 is t = t₀
        // age = 1980 s: t/t₀ = 100, G = G₀ · 100^−0.05.
        Assert.Equal(20e-6 * Math.Pow(100, -0.05), pcm.Drift(20e-6, 0.05, 1980), 1e-18);
    }

    [Fact]
    public void ReadNoise_GrowsWithTime_AndMatchesItsFormulaOverSamples()
    {
        var pcm = new PcmNoiseModel();
        double g = 15e-6, day = 86400;
        double s1 = pcm.ReadNoiseRelativeSigma(g, 1), sDay = pcm.ReadNoiseRelativeSigma(g, day);
        Assert.True(sDay > s1);
        double qs = 0.0088 / Math.Pow(0.6, 0.65);
        Assert.Equal(qs * Math.Sqrt(Math.Log((day + 20 + 250e-9) / 500e-9)), sDay, 1e-12);

        var rng = new Rng(13);
        var samples = Enumerable.Range(0, 40000).Select(_ => pcm.SampleAt(g, 0, day, rng)).ToList();
        var (mean, std) = Stats(samples);
        Assert.Equal(g, mean, 4 * g * sDay / Math.Sqrt(samples.Count));
        Assert.InRange(std / (g * sDay), 0.97, 1.03);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void ReadBeforeProgramming_IsRefused(double age)
    {
        var pcm = new PcmNoiseModel();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => pcm.Drift(1e-6, 0.05, age));
        Assert.Equal("ageSeconds", ex.ParamName);
        Assert.Contains("≥ 0 s", ex.Message);
    }
}
