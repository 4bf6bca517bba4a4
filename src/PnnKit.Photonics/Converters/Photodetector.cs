using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;
using PnnKit.Photonics.Costs;

namespace PnnKit.Photonics.Converters;

/// <summary>
/// Square-law detection of every waveguide followed by a transimpedance amplifier:
/// V = G·R·|E|² (+ noise), a nonlinearity and the optical → electrical converter in one. Noise, when
/// on, is the photocurrent shot noise and the TIA's input-referred thermal noise over the receiver
/// bandwidth, expressed in the same units as the output (see <see cref="PhotodetectorNoise"/>).
/// Backward: ∂L/∂E = 2·G·R·(∂L/∂V)·E in the Wirtinger planes of ILayer (noise treated as additive).
/// </summary>
public sealed class Photodetector<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Default responsivity, A/W: Ge-on-Si photodiodes at 1550 nm reach ≈ 0.8–1.0 A/W (Michel et al., Nat. Photonics 4, 527 (2010)).</summary>
    public const double DefaultResponsivity = 1.0;

    private Tensor<T>? _x;

    /// <summary>Detectors on <paramref name="modes"/> waveguides with gain G·R = <paramref name="gain"/> (in model units).</summary>
    public Photodetector(int modes, double gain = 1.0, PhotodetectorNoise? noise = null, string name = "photodetector")
    {
        if (modes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), $"Need at least one detector; got {modes}.");
        }
        if (!double.IsFinite(gain) || gain <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(gain), $"Gain must be finite and positive; got {gain}.");
        }
        Modes = modes;
        Gain = gain;
        Noise = noise;
        Name = name;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Number of detectors.</summary>
    public int Modes { get; }

    /// <summary>Conversion gain from optical power (|E|²) to the output value, G·R.</summary>
    public double Gain { get; }

    /// <summary>Detector noise, or null for a noiseless detector.</summary>
    public PhotodetectorNoise? Noise { get; }

    /// <summary>Cost model charged to the context's ledger on every Forward.</summary>
    public PhotonicCostModel CostModel { get; init; } = PhotonicCostModel.Default;

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Electrical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        ComplexTensor<T>.RequireField(x, Modes, Name);
        _x = x;
        int batch = x.Dim(0), n = Modes;
        var y = new Tensor<T>(batch, n);
        T g = T.CreateChecked(Gain);
        Rng? rng = Noise is null ? null : ctx.Rng.Split("pd." + Name);
        for (int b = 0; b < batch; b++)
        {
            var row = x.Row(b);
            var o = y.Row(b);
            for (int m = 0; m < n; m++)
            {
                T p = (row[m] * row[m]) + (row[n + m] * row[n + m]);
                o[m] = g * p;
                if (rng is not null && Noise is not null)
                {
                    double pw = double.CreateChecked(p);
                    double std = Gain * Math.Sqrt(Noise.Variance(pw));
                    o[m] += T.CreateChecked(std * rng.Normal());
                }
            }
        }
        if (ctx.Ledger is not null)
        {
            CostModel.ChargeDetectors(ctx.Ledger, Name, n, batch);
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        int batch = x.Dim(0), n = Modes;
        var dx = Tensor<T>.ZerosLike(x);
        T two = T.CreateChecked(2 * Gain);
        for (int b = 0; b < batch; b++)
        {
            var row = x.Row(b);
            var g = gradOutput.Row(b);
            var d = dx.Row(b);
            for (int m = 0; m < n; m++)
            {
                d[m] = two * g[m] * row[m];
                d[n + m] = two * g[m] * row[n + m];
            }
        }
        return dx;
    }
}

/// <summary>
/// Photodetector noise in model units of optical power (|E|²): variance
/// ShotNoiseFactor·P + ThermalNoiseStd² + RinFactor·P². Convert from physics with
/// <see cref="FromPhysics"/>: shot noise 2·q·(I + I_dark)·B, TIA input-referred noise current
/// density, laser relative-intensity noise RIN·B. Each term is off at zero.
/// </summary>
/// <param name="ShotNoiseFactor">Variance of the detected power per unit detected power.</param>
/// <param name="ThermalNoiseStd">Additive standard deviation of the detected power (TIA thermal noise and dark-current shot noise).</param>
/// <param name="RinFactor">Variance per unit squared power from the laser's relative intensity noise (RIN·B).</param>
public sealed record PhotodetectorNoise(double ShotNoiseFactor, double ThermalNoiseStd, double RinFactor = 0)
{
    /// <summary>Default dark current of a Ge-on-Si photodiode, A: 10 nA (tens of nA at −1 V, Michel et al., Nat. Photonics 4, 527 (2010)).</summary>
    public const double DefaultDarkCurrent = 10e-9;

    /// <summary>Default laser RIN, 1/Hz: −150 dB/Hz, typical of DFB lasers (Agrawal, Fiber-Optic Communication Systems, 4th ed., 2010).</summary>
    public const double DefaultRinPerHz = 1e-15;

    /// <summary>Variance of a reading of detected power <paramref name="power"/>.</summary>
    public double Variance(double power) => (ShotNoiseFactor * power) + (ThermalNoiseStd * ThermalNoiseStd) + (RinFactor * power * power);

    /// <summary>Elementary charge, C.</summary>
    public const double ElementaryCharge = 1.602176634e-19;

    /// <summary>
    /// Default TIA input-referred noise current density, A/√Hz: ≈ 20 pA/√Hz, typical of 25–50 Gb/s
    /// optical-receiver TIAs (Razavi, "Design of Integrated Circuits for Optical Communications", 2nd ed., 2012).
    /// </summary>
    public const double DefaultTiaNoiseDensity = 20e-12;

    /// <summary>
    /// Noise for detectors of responsivity <paramref name="responsivity"/> (A/W) and bandwidth
    /// <paramref name="bandwidthHz"/>, when model power 1 corresponds to <paramref name="wattsPerUnit"/> W.
    /// </summary>
    public static PhotodetectorNoise FromPhysics(double wattsPerUnit, double bandwidthHz, double responsivity = Photodetector<double>.DefaultResponsivity,
        double tiaNoiseDensity = DefaultTiaNoiseDensity, double darkCurrent = DefaultDarkCurrent, double rinPerHz = DefaultRinPerHz)
    {
        // Shot: σ_I² = 2·q·R·P·B; in power units σ_P² = σ_I²/R² = (2·q·B/R)·P.
        double shotWatts = 2 * ElementaryCharge * bandwidthHz / responsivity;
        // Additive: TIA current noise and dark-current shot noise, referred to optical power.
        double additiveA2 = (tiaNoiseDensity * tiaNoiseDensity * bandwidthHz) + (2 * ElementaryCharge * darkCurrent * bandwidthHz);
        double additiveWatts = Math.Sqrt(additiveA2) / responsivity;
        return new PhotodetectorNoise(shotWatts / wattsPerUnit, additiveWatts / wattsPerUnit, rinPerHz * bandwidthHz);
    }
}
