using System.Numerics;
using PnnKit.Core.Costs;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;

namespace PnnKit.Photonics.InSitu;

/// <summary>
/// What in-situ training of a mesh network costs. Energy per step: every layer's forward pass
/// (modulators, laser, detectors, ADCs, as charged at inference), the extra in-situ passes and their
/// readings (<see cref="Costs.PhotonicCostModel.ChargeInSituMeasurements{T}"/>), one heater-driver
/// DAC write per phase after the optimizer step, and the heaters' holding power over one settling
/// time (<see cref="Costs.PhotonicCostModel.HeaterSettlingSeconds"/>). The digital arithmetic of the
/// electrical backward pass (a few multiplications per detector) and the optimizer are not counted.
/// </summary>
/// <param name="Epochs">In-situ epochs run.</param>
/// <param name="StepsPerEpoch">Optimizer steps per epoch.</param>
/// <param name="Measurements">Intensity and coherent readings made during the whole in-situ training.</param>
/// <param name="OpticalPasses">Optical passes (per sample, per mesh) made by the in-situ backward passes of the whole training.</param>
/// <param name="MeasurementsPerStep">Readings of one full-batch step.</param>
/// <param name="DynamicJoulesPerStep">Dynamic energy of one full-batch step, J.</param>
/// <param name="HeaterJoulesPerStep">Heater holding energy over one settling time, J.</param>
/// <param name="JoulesPerEpoch">Energy of one epoch (all its steps, the last one possibly partial), J.</param>
/// <param name="StepTerms">The ledger's terms for one full-batch step.</param>
public sealed record InSituTrainingCost(int Epochs, int StepsPerEpoch, long Measurements, long OpticalPasses, long MeasurementsPerStep, double DynamicJoulesPerStep, double HeaterJoulesPerStep, double JoulesPerEpoch, IReadOnlyList<CostEntry> StepTerms)
{
    /// <summary>Energy of one full-batch step, J.</summary>
    public double JoulesPerStep => DynamicJoulesPerStep + HeaterJoulesPerStep;

    /// <summary>
    /// Charges one training step of <paramref name="model"/> on the first <paramref name="batchSize"/>
    /// samples of <paramref name="train"/> (and on the remainder, to price a whole epoch). The
    /// gradients it measures are discarded; the parameters are not changed. <paramref name="measurements"/>
    /// and <paramref name="passes"/> are the totals the caller's training made.
    /// </summary>
    public static InSituTrainingCost Measure<T>(Sequential<T> model, Loss<T> loss, Dataset<T> train, int batchSize, int epochs, long measurements, long passes, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        if (batchSize < 1 || batchSize > train.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be in [1, {train.Count}]; got {batchSize}.");
        }
        var meshes = model.Layers.OfType<InSituMesh<T>>().ToList();
        if (meshes.Count == 0)
        {
            throw new ArgumentException("The model has no InSituMesh layer to price.", nameof(model));
        }
        var (full, fullReadings, heater) = Step(model, meshes, loss, train, 0, batchSize, seed);
        int steps = (train.Count + batchSize - 1) / batchSize;
        int remainder = train.Count % batchSize;
        double epoch = (train.Count / batchSize) * (full.Entries.Sum(e => e.EnergyJoules) + heater);
        if (remainder > 0)
        {
            var (last, _, lastHeater) = Step(model, meshes, loss, train, train.Count - remainder, remainder, seed);
            epoch += last.Entries.Sum(e => e.EnergyJoules) + lastHeater;
        }
        return new InSituTrainingCost(epochs, steps, measurements, passes, fullReadings, full.Entries.Sum(e => e.EnergyJoules), heater, epoch, full.Entries);
    }

    private static (CostLedger Ledger, long Readings, double HeaterJoules) Step<T>(Sequential<T> model, List<InSituMesh<T>> meshes, Loss<T> loss, Dataset<T> train, int start, int count, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var ledger = new CostLedger();
        long readingsBefore = meshes.Sum(m => m.MeasurementCount);
        var x = train.Features.SliceRows(start, count);
        var y = model.Forward(x, new ForwardContext(Mode.Train, new Rng(seed)) { Ledger = ledger });
        var grad = Core.Tensors.Tensor<T>.ZerosLike(y);
        loss.Compute(y, train.Labels.AsSpan(start, count), grad);
        model.Backward(grad);
        double heater = 0;
        foreach (var m in meshes)
        {
            m.Mesh.CostModel.ChargePhaseUpdate(ledger, m.Mesh);
            heater += m.Mesh.CostModel.HeaterPowerWatts(m.Mesh) * m.Mesh.CostModel.HeaterSettlingSeconds;
        }
        foreach (var p in model.Parameters)
        {
            p.ZeroGrad();
        }
        return (ledger, meshes.Sum(m => m.MeasurementCount) - readingsBefore, heater);
    }
}
