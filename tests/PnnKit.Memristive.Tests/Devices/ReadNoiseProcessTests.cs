using PnnKit.Core.Random;
using PnnKit.Memristive.Devices;

namespace PnnKit.Memristive.Tests.Devices;

/// <summary>The 1/f and telegraph read-noise processes against their textbook statistics.</summary>
public class ReadNoiseProcessTests
{
    [Fact]
    public void FlickerNoise_PeriodogramSlope_IsMinusOne()
    {
        // 2¹⁵ samples at 1 s of a process with S(f) = Q²/f on [10⁻⁶, 0.5] Hz (up to the Nyquist frequency: faster
        // components would alias into the band as white noise); the slope of log S against log f is fitted over the
        // periodogram's bins in [10⁻³, 0.05] Hz, well inside the band.
        const int n = 1 << 15;
        var process = new FlickerNoise(0.01, 1e-6, 0.5, new Rng(3));
        double[] trace = process.Trace(n, 1.0, new Rng(4));
        double mean = trace.Average();
        int k0 = (int)(1e-3 * n), k1 = (int)(0.05 * n);
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int bins = 0;
        for (int k = k0; k <= k1; k++)
        {
            double re = 0, im = 0, w = -2 * Math.PI * k / n;
            for (int t = 0; t < n; t++)
            {
                double v = trace[t] - mean;
                re += v * Math.Cos(w * t);
                im += v * Math.Sin(w * t);
            }
            double lx = Math.Log((double)k / n), ly = Math.Log((re * re) + (im * im));
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
            bins++;
        }
        double slope = ((bins * sxy) - (sx * sy)) / ((bins * sxx) - (sx * sx));
        Assert.InRange(slope, -1.08, -0.92);
    }

    [Fact]
    public void FlickerNoise_Variance_IsTheIntegralOfQSquaredOverF()
    {
        // ∫ Q²/f df over [f_lo, f_hi] = Q² ln(f_hi/f_lo): Joshi et al. 2020's read-noise variance at t = 1 day, t_read = 250 ns.
        var pcm = new PcmNoiseModel();
        double g = 10e-6, age = 86_400, t = age + pcm.T0;
        double qs = 0.0088 / Math.Pow(g / pcm.GMax, 0.65);
        double expected = qs * qs * Math.Log(((t + pcm.TRead) / pcm.TRead) / 2);
        Assert.Equal(Math.Sqrt(expected), pcm.ReadNoiseRelativeSigma(g, age), 1e-12);
        var rng = new Rng(9);
        var values = Enumerable.Range(0, 20_000).Select(_ => new FlickerNoise(qs, 1 / (t + pcm.TRead), 1 / (2 * pcm.TRead), rng).Value).ToList();
        double m = values.Average();
        double variance = values.Sum(v => (v - m) * (v - m)) / (values.Count - 1);
        Assert.InRange(variance / expected, 0.96, 1.04);
        // And the trace keeps that variance as it runs (stationary from its first sample).
        var process = new FlickerNoise(qs, 1e-3, 1e3, new Rng(10));
        double[] tr = process.Trace(200_000, 1e-2, new Rng(11));
        double tm = tr.Average();
        Assert.InRange(tr.Sum(v => (v - tm) * (v - tm)) / (tr.Length - 1) / process.Variance, 0.85, 1.15);
    }

    [Fact]
    public void Telegraph_DwellTimes_AreOneOverTheRates_AndAutocorrelationDecaysAtTheirSum()
    {
        var rtn = new TelegraphNoise(0.05, RateUp: 200, RateDown: 50);
        rtn.Validate();
        const double dt = 1e-4;
        const int n = 2_000_000;
        var rng = new Rng(21);
        var s = new bool[n];
        s[0] = rtn.SampleStationary(rng);
        for (int i = 1; i < n; i++)
        {
            s[i] = rtn.Step(s[i - 1], dt, rng);
        }
        // Mean dwell: time in the lower level ≈ 1/r_up = 5 ms, in the upper ≈ 1/r_down = 20 ms (runs of samples × dt).
        var (low, high) = (new List<int>(), new List<int>());
        int run = 1;
        for (int i = 1; i < n; i++)
        {
            if (s[i] == s[i - 1])
            {
                run++;
                continue;
            }
            (s[i - 1] ? high : low).Add(run);
            run = 1;
        }
        // A run of k samples lasts k·dt on average minus the sampling's half-step bias at each end; dt/τ ≤ 2 % here.
        Assert.InRange(low.Average() * dt / (1.0 / 200), 0.97, 1.05);
        Assert.InRange(high.Average() * dt / (1.0 / 50), 0.97, 1.05);
        // Stationary occupation p = r_up/(r_up + r_down) = 0.8 and autocorrelation p(1 − p)·exp(−(r_up + r_down)τ).
        double p = s.Count(v => v) / (double)n;
        Assert.Equal(0.8, p, 0.01);
        foreach (int lag in new[] { 10, 40, 100 })
        {
            double c = 0;
            for (int i = 0; i + lag < n; i++)
            {
                c += ((s[i] ? 1 : 0) - p) * ((s[i + lag] ? 1 : 0) - p);
            }
            c /= n - lag;
            double expected = 0.8 * 0.2 * Math.Exp(-250 * lag * dt);
            Assert.Equal(expected, c, 0.08 * 0.16);
        }
        Assert.Equal(0.05 * Math.Sqrt(0.16), rtn.RelativeSigma, 1e-15);
        Assert.Equal(0, (0.8 * rtn.Deviation(true)) + (0.2 * rtn.Deviation(false)), 1e-15); // zero-mean levels
    }

    [Fact]
    public void BadParameters_NameTheField()
    {
        Assert.Equal("RateUp", Assert.Throws<ArgumentOutOfRangeException>(() => new TelegraphNoise(0.1, 0, 1).Validate()).ParamName);
        Assert.Equal("RelativeAmplitude", Assert.Throws<ArgumentOutOfRangeException>(() => new TelegraphNoise(-0.1, 1, 1).Validate()).ParamName);
        Assert.Equal("lowFrequency", Assert.Throws<ArgumentOutOfRangeException>(() => new FlickerNoise(0.1, 10, 1, new Rng(1))).ParamName);
        Assert.Equal("q", Assert.Throws<ArgumentOutOfRangeException>(() => new FlickerNoise(-1, 1, 10, new Rng(1))).ParamName);
    }
}
