namespace PnnKit.Memristive.Pulsed;

/// <summary>How one programming pulse changes a device's weight (aihwkit's pulsed device families).</summary>
public enum StepModel
{
    /// <summary>Δw = ±dw, the same at every weight, hard bounds at w_min/w_max (ConstantStepDevice).</summary>
    ConstantStep,

    /// <summary>Δw_up = dw_up (1 − γ_up w/w_max), Δw_down = dw_down (1 − γ_down w/w_min) (LinearStepDevice).</summary>
    LinearStep,

    /// <summary>Δw_up = dw_up (1 − w/w_max), Δw_down = dw_down (1 − w/w_min): steps vanish at the bounds (SoftBoundsDevice).</summary>
    SoftBounds,

    /// <summary>Δw = dw · max(1 − A_d e^{d γ_d z}, 0) with z = 2a w/(w_max − w_min) + b, d = ±1 (ExpStepDevice).</summary>
    ExpStep,
}
