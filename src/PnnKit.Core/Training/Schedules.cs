namespace PnnKit.Core.Training;

/// <summary>A learning-rate schedule: the factor applied to the base rate at a given optimizer step.</summary>
public interface ILearningRateSchedule
{
    /// <summary>Factor for step <paramref name="step"/> (0-based).</summary>
    double Factor(long step);
}

/// <summary>No change.</summary>
public sealed class ConstantSchedule : ILearningRateSchedule
{
    /// <inheritdoc/>
    public double Factor(long step) => 1.0;
}

/// <summary>Multiplies by <paramref name="gamma"/> every <paramref name="stepSize"/> steps (PyTorch StepLR).</summary>
public sealed class StepSchedule(long stepSize, double gamma) : ILearningRateSchedule
{
    /// <summary>Steps between decays.</summary>
    public long StepSize { get; } = stepSize > 0 ? stepSize : throw new ArgumentOutOfRangeException(nameof(stepSize), $"Step size must be > 0, got {stepSize}.");

    /// <summary>Decay factor.</summary>
    public double Gamma { get; } = gamma is > 0 and <= 1 ? gamma : throw new ArgumentOutOfRangeException(nameof(gamma), $"Gamma must be in (0, 1], got {gamma}.");

    /// <inheritdoc/>
    public double Factor(long step) => Math.Pow(Gamma, step / StepSize);
}

/// <summary>
/// Linear warm-up, then cosine decay to <c>minFactor</c> at <c>totalSteps</c>
/// (Loshchilov &amp; Hutter, SGDR, ICLR 2017, without restarts).
/// </summary>
public sealed class CosineSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    public CosineSchedule(long totalSteps, double minFactor = 0, long warmupSteps = 0)
    {
        if (totalSteps <= 0 || warmupSteps < 0 || warmupSteps >= totalSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(totalSteps), $"Need 0 ≤ warmup ({warmupSteps}) < total steps ({totalSteps}).");
        }
        if (minFactor is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minFactor), $"Minimum factor must be in [0, 1], got {minFactor}.");
        }
        TotalSteps = totalSteps;
        MinFactor = minFactor;
        WarmupSteps = warmupSteps;
    }

    /// <summary>Steps over which the rate decays.</summary>
    public long TotalSteps { get; }

    /// <summary>Final factor.</summary>
    public double MinFactor { get; }

    /// <summary>Warm-up steps.</summary>
    public long WarmupSteps { get; }

    /// <inheritdoc/>
    public double Factor(long step)
    {
        if (step < WarmupSteps)
        {
            return (step + 1.0) / WarmupSteps;
        }
        double progress = Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        return MinFactor + ((1 - MinFactor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
