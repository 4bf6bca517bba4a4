using PnnKit.Core.Random;
using PnnKit.Dynamics;
using PnnKit.Dynamics.Reproductions;
using Xunit.Abstractions;

namespace PnnKit.Dynamics.Tests;

public class VowelGlideTests(ITestOutputHelper output)
{
    private const double Rate = VowelFormantFeatures.SampleRateHz;

    /// <summary>F1 and F2 by LPC peak picking (an analysis independent of the synthesis) on 30 ms frames centred at 20 % and 80 %.</summary>
    private static (double F1At20, double F2At20, double F1At80, double F2At80) Measure(double[] x)
    {
        int frame = VowelFormantFeatures.FrameSamples;
        var (a, _) = VowelFormantFeatures.Formants(x.AsSpan((int)(0.2 * x.Length) - (frame / 2), frame));
        var (b, _) = VowelFormantFeatures.Formants(x.AsSpan((int)(0.8 * x.Length) - (frame / 2), frame));
        return (a[0], a[1], b[0], b[1]);
    }

    [Fact]
    public void GlidingEi_MovesF1DownAndF2Up_ByTheTablesRatios_StationaryEiStaysPut()
    {
        var ei = VowelSynthesizer.HillenbrandMen.Single(v => v.Name == "ei");
        var glide = VowelGlide.For("ei");
        double gliding1 = 0, gliding2 = 0, still1 = 0, still2 = 0;
        const int speakers = 8;
        for (ulong s = 1; s <= speakers; s++)
        {
            var g = Measure(VowelSynthesizer.Synthesize(ei, Rate, 3000, new Rng(s), glide));
            var st = Measure(VowelSynthesizer.Synthesize(ei, Rate, 3000, new Rng(s)));
            gliding1 += Math.Log(g.F1At80 / g.F1At20) / speakers;
            gliding2 += Math.Log(g.F2At80 / g.F2At20) / speakers;
            still1 += Math.Log(st.F1At80 / st.F1At20) / speakers;
            still2 += Math.Log(st.F2At80 / st.F2At20) / speakers;
        }
        double want1 = Math.Log(glide.At80.F1 / glide.At20.F1), want2 = Math.Log(glide.At80.F2 / glide.At20.F2);
        output.WriteLine($"ln(F80/F20): F1 gliding {gliding1:F3} (table {want1:F3}), stationary {still1:F3}; F2 gliding {gliding2:F3} (table {want2:F3}), stationary {still2:F3}");
        Assert.Equal(want1, gliding1, tolerance: 0.05);
        Assert.Equal(want2, gliding2, tolerance: 0.03);
        Assert.Equal(0, still1, tolerance: 0.03);
        Assert.Equal(0, still2, tolerance: 0.01);
    }

    [Fact]
    public void Noise_AddsWhiteNoiseAtTheStatedSnr_ToTheSameSpeaker()
    {
        var iy = VowelSynthesizer.HillenbrandWomen[2];
        var clean = VowelSynthesizer.Synthesize(iy, Rate, 20_000, new Rng(3));
        var noisy = VowelSynthesizer.Synthesize(iy, Rate, 20_000, new Rng(3), snrDb: 20);
        double signal = clean.Sum(v => v * v), noise = 0;
        for (int n = 0; n < clean.Length; n++)
        {
            noise += (noisy[n] - clean[n]) * (noisy[n] - clean[n]);
        }
        double snr = 10 * Math.Log10(signal / noise);
        output.WriteLine($"measured SNR {snr:F3} dB");
        // 20,000 Gaussian samples: the noise power's relative standard error is √(2/20000) = 1 %, 0.04 dB.
        Assert.Equal(20, snr, tolerance: 0.15);
    }

    [Fact]
    public void BadGlideOrSnr_IsRefusedNamingTheField()
    {
        var ex = Assert.Throws<ArgumentException>(() => VowelGlide.For("uw"));
        Assert.Contains("ae, ei, iy", ex.Message, StringComparison.Ordinal);
        var snr = Assert.Throws<ArgumentOutOfRangeException>(() => VowelSynthesizer.Synthesize(VowelSynthesizer.HillenbrandMen[0], Rate, 100, new Rng(1), snrDb: double.NaN));
        Assert.Equal("snrDb", snr.ParamName);
    }
}
