using System.Globalization;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Bench.Perf;

/// <summary>
/// One training epoch of the digital baseline's shape — MLP 784-256-10, ReLU, softmax
/// cross-entropy, Adam (lr 1e-3), batch 64, 8,000 samples — through PnnKit's Trainer, against the
/// same epoch in PyTorch (python/torch_mlp_epoch.py) on the same thread count.
/// Target: our time ≤ <see cref="TorchTarget"/> × PyTorch's.
/// </summary>
public sealed class MlpEpochPerfItem(int samples = 8000, int batch = 64) : IPerfItem
{
    /// <summary>Largest acceptable ratio of our epoch time to PyTorch's.</summary>
    public const double TorchTarget = 1.5;

    /// <inheritdoc/>
    public string Name => "MLP training epoch";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rng = new Rng(1);
        var x = new Tensor<float>(samples, 784);
        rng.FillNormal(x.Span, 0, 1);
        var y = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            y[i] = rng.NextInt(10);
        }
        var data = new Dataset<float>("random", x, y, 10);
        var results = new List<PerfResult>();
        foreach (int threads in context.Options.Threads)
        {
            var init = new Rng(2);
            var model = new Sequential<float>(new Linear<float>(784, 256, init), new ReLU<float>(), new Linear<float>(256, 10, init));
            var optimizer = new Adam<float>(model.Parameters, 1e-3);
            var loss = new SoftmaxCrossEntropy<float>();
            int epoch = 0;
            var ours = context.Measure(() =>
            {
                var trainer = new Trainer<float>(model, loss, optimizer, new TrainerOptions { Epochs = 1, BatchSize = batch, Seed = (ulong)++epoch });
                trainer.Fit(data);
            }, threads);
            string label = PerfContext.ThreadsLabel(threads);
            string name = $"MLP 784-256-10 epoch ({samples} samples, batch {batch}), {label}";
            if (!context.Options.IncludePythonBaselines)
            {
                results.Add(new PerfResult(name, ours.Min * 1e3, "ms", Detail: ours.ToString()));
                continue;
            }
            results.Add(PythonBaseline.TorchTimeRatio(context, name, ours, "torch_mlp_epoch.py",
                ["--threads", threads.ToString(CultureInfo.InvariantCulture), "--samples", samples.ToString(CultureInfo.InvariantCulture),
                 "--batch", batch.ToString(CultureInfo.InvariantCulture), "--epochs", context.Options.EffectiveRepetitions.ToString(CultureInfo.InvariantCulture)],
                threads, context.Options, "epoch", TorchTarget));
        }
        return results;
    }
}
