using PnnKit.Core.Random;

namespace PnnKit.Spintronics;

/// <summary>
/// The stochastic (low-barrier) magnetic tunnel junctions behind a set of p-bits, as fabricated. Defaults: fluctuation time
/// τ = 8 ns (in-plane sMTJs, Hayakawa et al., PRL 126, 117202 (2021); Safranski et al., Nano Lett. 21, 2040 (2021) report
/// ns too); device-to-device spread of the sigmoid's slope 10 % and offset 0.1 (in units of the tanh argument): an assumption,
/// of the order that CMOS + sMTJ p-computers trim per device (Borders et al., Nature 573, 390 (2019) set each p-bit's bias).
/// </summary>
public sealed record StochasticMtjParameters
{
    /// <summary>Fluctuation (correlation) time τ = 1/(r↑ + r↓) of the telegraph signal, s.</summary>
    public double FluctuationSeconds { get; init; } = 8e-9;

    /// <summary>Relative standard deviation of the sigmoid slope across devices.</summary>
    public double SlopeSpread { get; init; } = 0.1;

    /// <summary>Standard deviation of the sigmoid offset across devices, in units of the tanh argument.</summary>
    public double OffsetSpread { get; init; } = 0.1;

    /// <summary>Throws for values outside their ranges, naming the field.</summary>
    public void Validate()
    {
        if (!double.IsFinite(FluctuationSeconds) || FluctuationSeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(FluctuationSeconds), $"sMTJ fluctuation time must be finite and ≥ 0 s (0: independent reads), got {FluctuationSeconds}.");
        }
        if (!double.IsFinite(SlopeSpread) || SlopeSpread is < 0 or >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(SlopeSpread), $"sMTJ slope spread must be in [0, 0.5) (a larger spread flips slopes), got {SlopeSpread}.");
        }
        if (!double.IsFinite(OffsetSpread) || OffsetSpread < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OffsetSpread), $"sMTJ offset spread must be finite and ≥ 0, got {OffsetSpread}.");
        }
    }
}

/// <summary>
/// A fabricated set of stochastic-MTJ p-bits. Device i is a two-state telegraph process m ∈ {−1, +1} whose switching rates
/// at input I are r↑ = (1 + tanh x)/(2τ) and r↓ = (1 − tanh x)/(2τ), x = s_i I + o_i: its mean is tanh x (the p-bit sigmoid,
/// Camsari et al., PRX 7, 031014 (2017)) and its autocorrelation decays as exp(−t/τ) for any input. A read after t seconds at
/// a constant input is drawn exactly: P(+1) = π + (δ_{m,+1} − π) e^{−t/τ}, π = (1 + tanh x)/2. Slopes s_i and offsets o_i are
/// sampled once, at fabrication (DESIGN.md §4).
/// </summary>
public sealed class StochasticMtjPBits
{
    private readonly double[] _slope;
    private readonly double[] _offset;

    private StochasticMtjPBits(double fluctuationSeconds, double[] slope, double[] offset)
    {
        FluctuationSeconds = fluctuationSeconds;
        _slope = slope;
        _offset = offset;
    }

    /// <summary>Fabricates <paramref name="count"/> devices: slope 1 + N(0, SlopeSpread²), offset N(0, OffsetSpread²), drawn from <paramref name="rng"/>.</summary>
    public static StochasticMtjPBits Fabricate(int count, StochasticMtjParameters parameters, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        parameters.Validate();
        var slope = new double[count];
        var offset = new double[count];
        for (int i = 0; i < count; i++)
        {
            slope[i] = 1 + rng.Normal(0, parameters.SlopeSpread);
            offset[i] = rng.Normal(0, parameters.OffsetSpread);
        }
        return new StochasticMtjPBits(parameters.FluctuationSeconds, slope, offset);
    }

    /// <summary>Ideal p-bits: independent reads (τ = 0), identical sigmoids tanh I.</summary>
    public static StochasticMtjPBits Ideal(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var slope = new double[count];
        Array.Fill(slope, 1.0);
        return new StochasticMtjPBits(0, slope, new double[count]);
    }

    /// <summary>Number of devices.</summary>
    public int Count => _slope.Length;

    /// <summary>Fluctuation time τ, s (0: independent reads).</summary>
    public double FluctuationSeconds { get; }

    /// <summary>Slope s_i of each device's sigmoid.</summary>
    public ReadOnlySpan<double> Slopes => _slope;

    /// <summary>Offset o_i of each device's sigmoid.</summary>
    public ReadOnlySpan<double> Offsets => _offset;

    /// <summary>Mean state of device <paramref name="i"/> at input <paramref name="input"/>: tanh(s_i I + o_i).</summary>
    public double Mean(int i, double input) => Math.Tanh((_slope[i] * input) + _offset[i]);

    /// <summary>Reads device <paramref name="i"/>, in state <paramref name="state"/> (±1), after <paramref name="elapsedSeconds"/> at input <paramref name="input"/>.</summary>
    public int Read(int i, int state, double input, double elapsedSeconds, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double x = (_slope[i] * input) + _offset[i];
        if (FluctuationSeconds == 0)
        {
            return PBitNetwork.Fire(x, rng);
        }
        double up = 1 / (1 + Math.Exp(-2 * x)); // (1 + tanh x)/2
        double memory = Math.Exp(-elapsedSeconds / FluctuationSeconds);
        double pUp = up + (((state > 0 ? 1 : 0) - up) * memory);
        return rng.NextDouble() < pUp ? 1 : -1;
    }
}
