using System.Globalization;
using PnnKit.Core.Data;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Photonics.Diffractive;

namespace PnnKit.Bench.Perf;

/// <summary>
/// One training step of the D2NN of Lin et al. (Science 2018): 5 phase masks of 200×200 pixels,
/// λ = 0.75 mm, pitch 0.4 mm, 3 cm spacing (<see cref="DiffractiveGeometry"/> defaults), batch 32 of
/// random input amplitudes, forward + backward + Adam, float32, against the same step in PyTorch
/// with torch.fft (python/torch_d2nn_step.py) on the same threads. Target: ours no slower.
/// </summary>
public sealed class D2nnStepPerfItem(int batch = 32) : IPerfItem
{
    /// <summary>Largest acceptable ratio of our step time to PyTorch's.</summary>
    public const double TorchTarget = 1.0;

    /// <inheritdoc/>
    public string Name => "D2NN training step";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var geometry = new DiffractiveGeometry();
        int n = geometry.N;
        var rng = new Rng(1);
        var x = new Tensor<float>(batch, n * n);
        rng.FillUniform(x.Span, 0, 1);
        var labels = Enumerable.Range(0, batch).Select(i => i % geometry.Classes).ToArray();
        var data = new Dataset<float>("random", x, labels, geometry.Classes);
        var results = new List<PerfResult>();
        foreach (int threads in context.Options.Threads)
        {
            var model = DiffractiveNetwork.BuildForImages<float>(geometry, n, 1, new Rng(2));
            var trainer = new Trainer<float>(model, new SoftmaxCrossEntropy<float>(), new Adam<float>(model.Parameters, 0.01),
                new TrainerOptions { Epochs = 1, BatchSize = batch, Shuffle = false });
            // One epoch of one batch is one step; resetting the state lets Fit run it again.
            var ours = context.Measure(() =>
            {
                trainer.State = new TrainerState();
                trainer.Fit(data);
            }, threads);
            string name = $"D2NN step 5 × {n}×{n}, batch {batch}, f32, {PerfContext.ThreadsLabel(threads)}";
            if (!context.Options.IncludePythonBaselines)
            {
                results.Add(new PerfResult(name, ours.Min * 1e3, "ms", Detail: ours.ToString()));
                continue;
            }
            results.Add(PythonBaseline.TorchTimeRatio(context, name, ours, "torch_d2nn_step.py",
                ["--threads", threads.ToString(CultureInfo.InvariantCulture), "--n", n.ToString(CultureInfo.InvariantCulture),
                 "--batch", batch.ToString(CultureInfo.InvariantCulture), "--steps", context.Options.EffectiveRepetitions.ToString(CultureInfo.InvariantCulture)],
                threads, context.Options with { PythonTimeout = TimeSpan.FromMinutes(10) }, "step", TorchTarget, " (torch.fft)"));
        }
        return results;
    }
}
