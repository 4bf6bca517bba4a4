using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Physical;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Methods;

/// <summary>What one retraining spent and achieved.</summary>
/// <param name="Correction">The fitted per-column gain and offset, to append after the system's read-out.</param>
/// <param name="Queries">Examples measured on the system: exactly the budget.</param>
/// <param name="SkippedNonFinite">Measured examples dropped because a read-out was not finite (counted, never trained on).</param>
/// <param name="LossBefore">Cross-entropy of the measured read-outs before the fit.</param>
/// <param name="LossAfter">Cross-entropy after the fit, on the same measurements.</param>
public sealed record OutputRetraining<T>(OutputGainOffset<T> Correction, long Queries, int SkippedNonFinite, double LossBefore, double LossAfter)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Retraining with a budget of physical queries (DESIGN.md §4, deployment policies): send exactly
/// Q labelled examples through the aged instance, keep what it read out, and fit a digital gain and
/// offset per output column to those read-outs (full-batch Adam on the cross-entropy, with a prior
/// that keeps it near the identity: <see cref="PriorPrecision"/>). The devices
/// are not touched; only Q inferences are spent, each counted by the system and charged to the ledger.
/// </summary>
public static class BudgetedRetraining
{
    /// <summary>Adam steps of the digital fit (full batch; 2 × outputs parameters converge well within this).</summary>
    public const int FitSteps = 300;

    /// <summary>Adam learning rate of the fit (gains start at 1, so steps of a few percent).</summary>
    public const double FitLearningRate = 0.05;

    /// <summary>
    /// Precision of the Gaussian prior that keeps the correction near the identity: the fit is the MAP
    /// estimate with gains ~ N(1, 1) and offsets ~ N(0, 1) (logit units), so a small budget cannot
    /// overfit 2 × outputs numbers to a handful of examples, and the prior fades as the budget grows.
    /// </summary>
    public const double PriorPrecision = 1.0;

    /// <summary>Examples per query batch sent to the system.</summary>
    private const int QueryBatch = 256;

    /// <summary>
    /// Measures <paramref name="budget"/> examples of <paramref name="labelled"/> (drawn without
    /// replacement from <paramref name="seed"/>) on <paramref name="system"/> with its
    /// <paramref name="controls"/> and fits the output correction.
    /// </summary>
    public static OutputRetraining<T> FitOutputCorrection<T>(IPhysicalSystem<T> system, ReadOnlySpan<T> controls, Dataset<T> labelled, int budget, ulong seed, CostLedger? ledger = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(labelled);
        if (!labelled.IsClassification)
        {
            throw new ArgumentException($"{labelled.Name}: retraining the read-out needs labelled (classification) examples.", nameof(labelled));
        }
        if (labelled.FeatureCount != system.InputSize)
        {
            throw new ArgumentException($"{labelled.Name} has {labelled.FeatureCount} features, system '{system.Name}' takes {system.InputSize} inputs.", nameof(labelled));
        }
        if (labelled.ClassCount != system.OutputSize)
        {
            throw new ArgumentException($"{labelled.Name} has {labelled.ClassCount} classes, system '{system.Name}' reads out {system.OutputSize} values.", nameof(labelled));
        }
        if (budget < 1 || budget > labelled.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), $"Retraining budget must be in [1, {labelled.Count}] queries (the labelled examples available), got {budget}.");
        }
        // The wrapper refuses any query past the budget, so the count below is exact by construction.
        var budgeted = new QueryBudget<T>(system, system.QueryCount + budget);
        long before = system.QueryCount;
        var order = new Rng(seed).Split("retrain").Permutation(labelled.Count);
        var measured = new List<T[]>(budget);
        var labels = new List<int>(budget);
        int skipped = 0;
        for (int start = 0; start < budget; start += QueryBatch)
        {
            int[] idx = order.AsSpan(start, Math.Min(QueryBatch, budget - start)).ToArray();
            var y = budgeted.Measure(labelled.Features.GatherRows(idx), controls, ledger);
            for (int i = 0; i < idx.Length; i++)
            {
                var row = y.Row(i);
                bool finite = true;
                foreach (var v in row)
                {
                    finite &= T.IsFinite(v);
                }
                if (!finite)
                {
                    skipped++;
                    continue;
                }
                measured.Add(row.ToArray());
                labels.Add(labelled.Labels![idx[i]]);
            }
        }
        var correction = new OutputGainOffset<T>(system.OutputSize);
        if (measured.Count == 0)
        {
            return new OutputRetraining<T>(correction, system.QueryCount - before, skipped, double.NaN, double.NaN);
        }
        var outputs = new Tensor<T>(measured.Count, system.OutputSize);
        for (int i = 0; i < measured.Count; i++)
        {
            measured[i].CopyTo(outputs.Row(i));
        }
        var loss = new SoftmaxCrossEntropy<T>();
        var adam = new Adam<T>(correction.Parameters, FitLearningRate);
        var ctx = ForwardContext.Eval(seed);
        var labelArray = labels.ToArray();
        double lossBefore = loss.Compute(outputs, labelArray, null);
        for (int step = 0; step < FitSteps; step++)
        {
            adam.ZeroGrad();
            var z = correction.Forward(outputs, ctx);
            var g = Tensor<T>.ZerosLike(z);
            loss.Compute(z, labelArray, g);
            correction.Backward(g);
            // Prior term (λ/2Q)·Σ((g − 1)² + o²) of the mean negative log-posterior.
            var prior = T.CreateChecked(PriorPrecision / measured.Count);
            for (int j = 0; j < system.OutputSize; j++)
            {
                correction.Gain.Grad[j] += prior * (correction.Gain.Value[j] - T.One);
                correction.Offset.Grad[j] += prior * correction.Offset.Value[j];
            }
            adam.Step();
        }
        double lossAfter = loss.Compute(correction.Forward(outputs, ctx), labelArray, null);
        return new OutputRetraining<T>(correction, system.QueryCount - before, skipped, lossBefore, lossAfter);
    }
}
