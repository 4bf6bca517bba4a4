using System.Numerics;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Training;

/// <summary>
/// The mini-batch training loop: shuffle, forward, loss, backward, step, schedule, validate, stop
/// early. Shuffling and noise streams derive from (seed, epoch, batch), so a run resumed from an
/// epoch checkpoint draws exactly what the uninterrupted run would have.
/// </summary>
public sealed class Trainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly ILayer<T> _model;
    private readonly Loss<T> _loss;
    private readonly Optimizer<T> _optimizer;
    private readonly ILearningRateSchedule _schedule;
    private readonly TrainerOptions _options;
    private readonly Rng _root;

    /// <summary>Creates a trainer; <paramref name="schedule"/> defaults to a constant rate.</summary>
    public Trainer(ILayer<T> model, Loss<T> loss, Optimizer<T> optimizer, TrainerOptions options, ILearningRateSchedule? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _model = model;
        _loss = loss;
        _optimizer = optimizer;
        _options = options;
        _schedule = schedule ?? new ConstantSchedule();
        _root = new Rng(options.Seed);
    }

    /// <summary>Progress so far; replace it with a checkpoint's state to resume.</summary>
    public TrainerState State { get; set; } = new();

    /// <summary>
    /// Optional training-time transform of each mini-batch (e.g. random image shifts), given a
    /// random stream derived from (seed, epoch, batch) so resumed runs stay exact.
    /// </summary>
    public Func<Tensor<T>, Rng, Tensor<T>>? Augment { get; init; }

    /// <summary>Called after every epoch (checkpointing and metric logging hook here).</summary>
    public event Action<EpochMetrics>? EpochCompleted;

    /// <summary>Called after every mini-batch with (epoch, batch, batches per epoch).</summary>
    public event Action<int, int, int>? BatchCompleted;

    /// <summary>
    /// Trains from <see cref="State"/> until all epochs are done or early stopping fires.
    /// Cancellation stops between mini-batches without touching State (as a kill would).
    /// </summary>
    public TrainerState Fit(Dataset<T> train, Dataset<T>? validation = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        int n = train.Count;
        int batches = (n + _options.BatchSize - 1) / _options.BatchSize;
        if (State.StopReason is not null)
        {
            // A run stopped by an exhausted query budget continues when called again (with a new budget).
            (State.Stopped, State.StopReason) = (false, null);
        }
        while (State.EpochsDone < _options.Epochs && !State.Stopped)
        {
            int epoch = State.EpochsDone + 1;
            var order = _options.Shuffle ? _root.Split("shuffle").Split((ulong)epoch).Permutation(n) : [.. Enumerable.Range(0, n)];
            var noise = _root.Split("noise");
            double lossSum = 0;
            int correct = 0;
            long skippedBefore = State.SkippedExamples;
            for (int b = 0; b < batches; b++)
            {
                cancellation.ThrowIfCancellationRequested();
                int start = b * _options.BatchSize;
                var idx = order.AsSpan(start, Math.Min(_options.BatchSize, n - start)).ToArray();
                var x = train.Features.GatherRows(idx);
                _optimizer.LearningRate = _optimizer.BaseLearningRate * _schedule.Factor(_optimizer.Steps);
                var batchRng = noise.Split(((ulong)epoch << 32) | (uint)b);
                if (Augment is not null)
                {
                    x = Augment(x, batchRng.Split("augment"));
                }
                var ctx = new ForwardContext(Mode.Train, batchRng);
                Tensor<T>? y;
                try
                {
                    y = ForwardSkippingBadMeasurements(ref x, ref idx, ctx);
                }
                catch (QueryBudgetExhaustedException e)
                {
                    // Nothing of this step was applied: the weights are those of the last complete step.
                    // The partial epoch is not recorded; a resumed run repeats it from its first batch.
                    State.Stopped = true;
                    State.StopReason = e.Message;
                    return State;
                }
                if (y is null)
                {
                    continue;
                }
                var grad = Tensor<T>.ZerosLike(y);
                double loss = ComputeLoss(train, idx, y, grad, ref correct);
                if (!double.IsFinite(loss))
                {
                    throw new InvalidOperationException($"Training diverged: loss is {loss} at epoch {epoch}, batch {b + 1}; lower the learning rate.");
                }
                lossSum += loss * idx.Length;
                _optimizer.ZeroGrad();
                _model.Backward(grad);
                _optimizer.Step();
                BatchCompleted?.Invoke(epoch, b + 1, batches);
            }
            Evaluation? val = validation is null ? null : Evaluate(validation);
            int trained = n - (int)(State.SkippedExamples - skippedBefore);
            var metrics = new EpochMetrics(epoch, lossSum / Math.Max(trained, 1), train.IsClassification ? (double)correct / Math.Max(trained, 1) : null, val?.Loss, val?.Accuracy, _optimizer.LearningRate);
            UpdateEarlyStopping(metrics);
            State.History.Add(metrics);
            State.EpochsDone = epoch;
            EpochCompleted?.Invoke(metrics);
        }
        return State;
    }

    /// <summary>
    /// Forward pass of a training batch. Examples a physical system could not measure (NaN or ±∞,
    /// <see cref="NonFiniteMeasurementException"/>) are dropped from the step and counted in
    /// <see cref="TrainerState.SkippedExamples"/>; the rest are measured again. Null when none is left.
    /// </summary>
    private Tensor<T>? ForwardSkippingBadMeasurements(ref Tensor<T> x, ref int[] idx, ForwardContext ctx)
    {
        while (true)
        {
            try
            {
                return _model.Forward(x, ctx);
            }
            catch (NonFiniteMeasurementException e) when (e.Rows.Count > 0)
            {
                var bad = e.Rows.ToHashSet();
                var keep = Enumerable.Range(0, idx.Length).Where(i => !bad.Contains(i)).ToArray();
                State.SkippedExamples += idx.Length - keep.Length;
                if (keep.Length == 0)
                {
                    return null;
                }
                x = x.GatherRows(keep);
                var rows = idx;
                idx = [.. keep.Select(i => rows[i])];
            }
        }
    }

    /// <summary>Mean loss and accuracy on <paramref name="data"/> in evaluation mode.</summary>
    public Evaluation Evaluate(Dataset<T> data, ForwardContext? context = null) => Evaluate(_model, _loss, data, _options.BatchSize, context);

    /// <summary>Mean loss and accuracy of any model on <paramref name="data"/> in evaluation mode.</summary>
    public static Evaluation Evaluate(ILayer<T> model, Loss<T> loss, Dataset<T> data, int batchSize, ForwardContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(data);
        context ??= ForwardContext.Eval();
        double lossSum = 0;
        int correct = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            var x = data.Features.SliceRows(start, count);
            var y = model.Forward(x, context);
            if (data.Labels is not null)
            {
                var labels = data.Labels.AsSpan(start, count);
                lossSum += loss.Compute(y, labels, null) * count;
                correct += Loss<T>.CountCorrect(y, labels);
            }
            else
            {
                lossSum += loss.Compute(y, data.Targets!.SliceRows(start, count), null) * count;
            }
            context.Ledger?.RecordInferences(count);
        }
        return new Evaluation(lossSum / data.Count, data.IsClassification ? (double)correct / data.Count : null, data.Count);
    }

    private double ComputeLoss(Dataset<T> data, ReadOnlySpan<int> idx, Tensor<T> y, Tensor<T> grad, ref int correct)
    {
        if (data.Labels is not null)
        {
            var labels = new int[idx.Length];
            for (int i = 0; i < idx.Length; i++)
            {
                labels[i] = data.Labels[idx[i]];
            }
            correct += Loss<T>.CountCorrect(y, labels);
            return _loss.Compute(y, labels, grad);
        }
        return _loss.Compute(y, data.Targets!.GatherRows(idx), grad);
    }

    private void UpdateEarlyStopping(EpochMetrics m)
    {
        if (m.ValidationLoss is not double v)
        {
            return;
        }
        if (v < State.BestValidationLoss - _options.MinDelta)
        {
            State.BestValidationLoss = v;
            State.BestEpoch = m.Epoch;
            State.EpochsWithoutImprovement = 0;
        }
        else
        {
            State.EpochsWithoutImprovement++;
            if (_options.EarlyStoppingPatience is int patience && State.EpochsWithoutImprovement >= patience)
            {
                State.Stopped = true;
            }
        }
    }
}
