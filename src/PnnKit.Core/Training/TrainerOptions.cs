namespace PnnKit.Core.Training;

/// <summary>How a <see cref="Trainer{T}"/> runs.</summary>
public sealed record TrainerOptions
{
    /// <summary>Number of passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per mini-batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Seed of shuffling and of training-time noise.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Shuffle the training set each epoch.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Stop after this many epochs without validation-loss improvement (null: never).</summary>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>Smallest decrease of the validation loss that counts as an improvement.</summary>
    public double MinDelta { get; init; }

    /// <summary>Validate and throw on out-of-range values, naming the field.</summary>
    public void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), $"epochs must be ≥ 1, got {Epochs}.");
        }
        if (BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), $"batch size must be ≥ 1, got {BatchSize}.");
        }
        if (EarlyStoppingPatience is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), $"patience must be ≥ 1, got {EarlyStoppingPatience}.");
        }
    }
}

/// <summary>Metrics of one epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch.</param>
/// <param name="TrainAccuracy">Training accuracy (classification), else null.</param>
/// <param name="ValidationLoss">Validation loss, if a validation set was given.</param>
/// <param name="ValidationAccuracy">Validation accuracy, if any.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double? TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy, double LearningRate);

/// <summary>Loss and accuracy of a model on a data set.</summary>
/// <param name="Loss">Mean loss.</param>
/// <param name="Accuracy">Accuracy for classification, else null.</param>
/// <param name="Count">Examples evaluated.</param>
public sealed record Evaluation(double Loss, double? Accuracy, int Count);
