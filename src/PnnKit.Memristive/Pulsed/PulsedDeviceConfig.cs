namespace PnnKit.Memristive.Pulsed;

/// <summary>
/// Statistics of a pulsed (in-situ trainable) resistive device, in weight units. Defaults are
/// aihwkit's PulsedDevice defaults; spreads are relative, as in aihwkit: device-to-device ("Dtod",
/// sampled once per device at fabrication) and cycle-to-cycle ("Std", sampled on every pulse).
/// </summary>
public sealed record PulsedDeviceConfig
{
    /// <summary>Step model.</summary>
    public StepModel Model { get; init; } = StepModel.ConstantStep;

    /// <summary>Mean minimal step per pulse: 0.001 (aihwkit PulsedDevice dw_min).</summary>
    public double DwMin { get; init; } = 0.001;

    /// <summary>Device-to-device spread of dw_min, relative: 0.3 (aihwkit dw_min_dtod).</summary>
    public double DwMinDtod { get; init; } = 0.3;

    /// <summary>Cycle-to-cycle spread of each step, relative to dw_min: 0.3 (aihwkit dw_min_std).</summary>
    public double DwMinStd { get; init; } = 0.3;

    /// <summary>Mean upper bound: 0.6 (aihwkit w_max).</summary>
    public double WMax { get; init; } = 0.6;

    /// <summary>Mean lower bound: −0.6 (aihwkit w_min).</summary>
    public double WMin { get; init; } = -0.6;

    /// <summary>Device-to-device spread of w_max, relative: 0.3 (aihwkit w_max_dtod).</summary>
    public double WMaxDtod { get; init; } = 0.3;

    /// <summary>Device-to-device spread of w_min, relative: 0.3 (aihwkit w_min_dtod).</summary>
    public double WMinDtod { get; init; } = 0.3;

    /// <summary>Mean up/down asymmetry: dw_up = dw (1 + up_down), dw_down = dw (1 − up_down): 0 (aihwkit up_down).</summary>
    public double UpDown { get; init; }

    /// <summary>Device-to-device spread of the asymmetry, absolute: 0.01 (aihwkit up_down_dtod).</summary>
    public double UpDownDtod { get; init; } = 0.01;

    /// <summary>Linear-step slope up: 0 (aihwkit LinearStepDevice gamma_up).</summary>
    public double GammaUp { get; init; }

    /// <summary>Linear-step slope down: 0 (aihwkit LinearStepDevice gamma_down).</summary>
    public double GammaDown { get; init; }

    /// <summary>Exp-step A_up = 0.00081 (aihwkit ExpStepDevice).</summary>
    public double ExpAUp { get; init; } = 0.00081;

    /// <summary>Exp-step A_down = 0.36833 (aihwkit ExpStepDevice).</summary>
    public double ExpADown { get; init; } = 0.36833;

    /// <summary>Exp-step γ_up = 12.44625 (aihwkit ExpStepDevice).</summary>
    public double ExpGammaUp { get; init; } = 12.44625;

    /// <summary>Exp-step γ_down = 12.78785 (aihwkit ExpStepDevice).</summary>
    public double ExpGammaDown { get; init; } = 12.78785;

    /// <summary>Exp-step slope a = 0.244 (aihwkit ExpStepDevice).</summary>
    public double ExpA { get; init; } = 0.244;

    /// <summary>Exp-step offset b = 0.2425 (aihwkit ExpStepDevice).</summary>
    public double ExpB { get; init; } = 0.2425;

    /// <summary>Pulse-train length BL per update: 31 (aihwkit UpdateParameters desired_bl).</summary>
    public int PulseLength { get; init; } = 31;

    /// <summary>The same device with every spread and the asymmetry set to zero (for deterministic checks).</summary>
    public PulsedDeviceConfig Ideal => this with { DwMinDtod = 0, DwMinStd = 0, WMaxDtod = 0, WMinDtod = 0, UpDownDtod = 0, UpDown = 0 };

    /// <summary>Throws naming the first invalid field and its allowed range.</summary>
    public void Validate()
    {
        if (!(DwMin > 0) || !double.IsFinite(DwMin))
        {
            throw new ArgumentOutOfRangeException(nameof(DwMin), $"DwMin must be finite and > 0, got {DwMin}.");
        }
        if (!(WMax > 0) || !(WMin < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(WMax), $"Bounds must satisfy WMin < 0 < WMax, got [{WMin}, {WMax}].");
        }
        foreach (var (v, n) in new[] { (DwMinDtod, nameof(DwMinDtod)), (DwMinStd, nameof(DwMinStd)), (WMaxDtod, nameof(WMaxDtod)), (WMinDtod, nameof(WMinDtod)), (UpDownDtod, nameof(UpDownDtod)) })
        {
            if (!(v >= 0) || !double.IsFinite(v))
            {
                throw new ArgumentOutOfRangeException(n, $"{n} must be finite and ≥ 0, got {v}.");
            }
        }
        if (PulseLength is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(PulseLength), $"PulseLength must be in [1, 1024], got {PulseLength}.");
        }
    }
}
