namespace PnnKit.Core.Training;

/// <summary>
/// Everything besides weights and optimizer state that a resumed run needs to continue exactly:
/// epochs done, optimizer steps, early-stopping bookkeeping and the history so far.
/// </summary>
public sealed class TrainerState
{
    /// <summary>Epochs completed.</summary>
    public int EpochsDone { get; set; }

    /// <summary>Best validation loss so far.</summary>
    public double BestValidationLoss { get; set; } = double.PositiveInfinity;

    /// <summary>Epoch of the best validation loss.</summary>
    public int BestEpoch { get; set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; set; }

    /// <summary>True once early stopping has fired, or a physical system's query budget ran out.</summary>
    public bool Stopped { get; set; }

    /// <summary>Why training stopped before its last epoch (null: it did not, or early stopping).</summary>
    public string? StopReason { get; set; }

    /// <summary>Metrics of every completed epoch.</summary>
    public List<EpochMetrics> History { get; init; } = [];

    /// <summary>Training examples dropped because a physical system returned non-finite measurements for them.</summary>
    public long SkippedExamples { get; set; }
}
