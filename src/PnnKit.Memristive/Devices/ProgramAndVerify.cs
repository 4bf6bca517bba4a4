using PnnKit.Core.Random;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// Closed-loop write-and-verify (Yao et al., Nature 577, 641 (2020), Methods: identical 50 ns SET and RESET pulse trains
/// until the cell reaches its conductance state). Read; if |G − target| ≤ <see cref="RramDeviceModel.VerifyTolerance"/> stop;
/// otherwise apply one SET pulse (G below target) or RESET pulse (above), each moving G by the cell's mean step times
/// (1 + <see cref="RramDeviceModel.PulseNoise"/> · N(0, 1)), bounded to [GMin, GMax]; repeat up to
/// <see cref="RramDeviceModel.MaxProgramPulses"/> pulses. After each overshoot (the pulse polarity reverses) the pulse
/// amplitude is backed off so the step halves, down to 1/8 of the cell's step, so a fast cell cannot hop over the verify
/// window for ever (assumption: Yao 2020 give the pulse width, not the amplitude schedule; adaptive amplitude is the usual
/// closed-loop practice). A stuck cell takes the pulses but does not move.
/// The verify read compares the low-field conductance G (no read noise is modelled here).
/// </summary>
public static class ProgramAndVerify
{
    /// <summary>Smallest step, as a fraction of the cell's step, that overshoot back-off reaches.</summary>
    public const double MinBackOff = 0.125;

    /// <summary>Programs one cell from <paramref name="start"/> towards <paramref name="target"/>; deterministic for the state of <paramref name="rng"/>.</summary>
    public static ProgramVerifyResult Run(RramDeviceModel model, RramCell cell, double start, double target, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rng);
        if (!double.IsFinite(target))
        {
            throw new ArgumentOutOfRangeException(nameof(target), $"target must be a finite conductance, got {target}.");
        }
        double g = cell.Fault switch
        {
            DeviceFault.StuckOn => model.GMax,
            DeviceFault.StuckOff => model.GMin,
            _ => Math.Clamp(start, model.GMin, model.GMax),
        };
        double step = model.PulseStep * cell.StepGain;
        int pulses = 0, sets = 0, direction = 0;
        double backOff = 1, verified = 0;
        while (true)
        {
            verified += g;
            if (Math.Abs(g - target) <= model.VerifyTolerance)
            {
                return new ProgramVerifyResult(g, pulses, true, sets, verified);
            }
            if (pulses == model.MaxProgramPulses)
            {
                return new ProgramVerifyResult(g, pulses, false, sets, verified);
            }
            int dir = g < target ? 1 : -1;
            sets += dir > 0 ? 1 : 0;
            if (direction != 0 && dir != direction)
            {
                backOff = Math.Max(backOff / 2, MinBackOff);
            }
            direction = dir;
            double dg = step * backOff * (1 + (model.PulseNoise * rng.Normal()));
            pulses++;
            if (cell.Fault != DeviceFault.None)
            {
                continue;
            }
            g = Math.Clamp(g + (dir * dg), model.GMin, model.GMax);
        }
    }
}
