using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Photonics.Costs;

namespace PnnKit.Photonics.Activations;

/// <summary>
/// The electro-optic activation of Williamson et al., IEEE JSTQE 26, 7700412 (2020): a directional
/// coupler taps a fraction α of the power to a photodiode; the amplified photocurrent drives an
/// MZI modulator on the remaining light, adding a phase g·|z|² to its bias φ_b. Per mode:
/// <code>f(z) = i·√(1 − α)·e^{−i·(g·|z|² + φ_b)/2}·cos((g·|z|² + φ_b)/2)·z</code>
/// with g = π·α·R·G / V_π (responsivity R, amplifier gain G, modulator V_π). Each use costs one
/// photodiode + amplifier symbol (<see cref="PhotonicCostModel.ReceiverJoulesPerSymbol"/>).
/// </summary>
public sealed class ElectroOpticActivation<T> : OpticalActivation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Default tap fraction α = 0.1 (the value used in Williamson et al. 2020's examples).</summary>
    public const double DefaultTapFraction = 0.1;

    /// <summary>Default bias phase φ_b = π (Williamson et al. 2020 show ReLU-like responses near φ_b = π).</summary>
    public const double DefaultBiasPhase = Math.PI;

    /// <summary>Default phase gain g = 0.5π per unit power (assumption, order of the gains in Williamson et al. 2020, for unit-power fields).</summary>
    public const double DefaultPhaseGain = 0.5 * Math.PI;

    /// <summary>An activation on <paramref name="modes"/> modes.</summary>
    public ElectroOpticActivation(int modes, double tapFraction = DefaultTapFraction, double biasPhase = DefaultBiasPhase, double phaseGain = DefaultPhaseGain, string name = "eo-activation")
        : base(name, modes)
    {
        if (!(tapFraction >= 0 && tapFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(tapFraction), $"The tap fraction must lie in [0, 1); got {tapFraction}.");
        }
        TapFraction = tapFraction;
        BiasPhase = biasPhase;
        PhaseGain = phaseGain;
    }

    /// <summary>Tap fraction α.</summary>
    public double TapFraction { get; }

    /// <summary>Bias phase φ_b, rad.</summary>
    public double BiasPhase { get; }

    /// <summary>Phase gain g, rad per unit power.</summary>
    public double PhaseGain { get; }

    /// <summary>Cost model charged per use.</summary>
    public PhotonicCostModel CostModel { get; init; } = PhotonicCostModel.Default;

    /// <inheritdoc/>
    protected override (Complex H, Complex DhDp) Gain(double power, int mode)
    {
        double a = ((PhaseGain * power) + BiasPhase) / 2;
        // h = i·√(1−α)·e^{−ia}·cos a, so dh/da = i·√(1−α)·e^{−ia}·(−i·cos a − sin a) and dh/dp = (g/2)·dh/da.
        var pre = Complex.ImaginaryOne * Math.Sqrt(1 - TapFraction);
        var e = Complex.FromPolarCoordinates(1, -a);
        var h = pre * e * Math.Cos(a);
        var dhda = pre * e * ((-Complex.ImaginaryOne * Math.Cos(a)) - Math.Sin(a));
        return (h, dhda * (PhaseGain / 2));
    }

    /// <inheritdoc/>
    protected override void OnForward(ForwardContext ctx, int batch)
    {
        if (ctx.Ledger is not null)
        {
            long uses = (long)Modes * batch;
            ctx.Ledger.Charge($"{Name} photodiodes + drivers", Core.Costs.CostCategory.Converter, new Core.Costs.Energy(uses * CostModel.ReceiverJoulesPerSymbol), uses, Core.Costs.Duration.FromRate(CostModel.SymbolRateHz), CostModel);
        }
    }
}
