using System.Globalization;
using System.Text.Json;
using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;
using PnnKit.Dynamics;

namespace PnnKit.Bench.Perf;

/// <summary>
/// The wave-RNN solver (Hughes et al., Sci. Adv. 2019) on a 140×140 grid: cell-updates per second of the forward pass
/// and of a training step (forward + checkpointed adjoint), against the same computation in PyTorch with autograd through
/// the time steps (python/torch_wave_rnn.py, the wavetorch formulation, float64 like ours) on the same thread count.
/// One sample per thread, so both sides use every thread they are given. Target: ours ≥ <see cref="TorchTarget"/>× faster
/// (min wall times); the detail adds both sides' mean CPU time per call, the steadier comparison on a loaded machine.
/// </summary>
public sealed class WaveSolverPerfItem(int grid = 140, int steps = 200) : IPerfItem
{
    /// <summary>Smallest acceptable ratio of our cell-update rate to PyTorch's.</summary>
    public const double TorchTarget = 10;

    /// <summary>Absorbing layer width, cells (wavetorch's pml N = 20).</summary>
    private const int AbsorberCells = 20;

    /// <inheritdoc/>
    public string Name => "Wave solver 140×140";

    /// <inheritdoc/>
    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int n = grid, quarter = n / 4, seventh = n / 7;
        // The same geometry as the PyTorch script: a centred design region, source near the left edge, three probes on the right.
        var options = new WaveRnnOptions
        {
            Nx = n,
            Ny = n,
            Dt = 0.5,
            DesignRegion = (quarter, quarter, n / 2, n / 2),
            Source = new(seventh, n / 2),
            Probes = [new(n - seventh, (n / 2) - seventh), new(n - seventh, n / 2), new(n - seventh, (n / 2) + seventh)],
            AbsorberCells = AbsorberCells,
        };
        const int TieredJitWarmUpCalls = 40; // .NET promotes a method to optimised code after 30 calls (TC_CallCountThreshold)
        var results = new List<PerfResult>();
        foreach (int threads in context.Options.Threads)
        {
            var layer = new WaveRnn<double>(options);
            var x = new Tensor<double>(threads, steps);
            for (int b = 0; b < threads; b++)
            {
                for (int k = 0; k < steps; k++)
                {
                    x[b, k] = Math.Sin(0.3 * k);
                }
            }
            var grad = new Tensor<double>(threads, options.Probes.Count);
            grad.Fill(1);
            // Each call is one long loop nest run a handful of times: without many warm-up calls the
            // tiered JIT is still running its quick first-tier code when the timing starts.
            int warmUp = Math.Max(context.Options.WarmUp, TieredJitWarmUpCalls);
            void Forward() => layer.Forward(x, ForwardContext.Eval());
            void Train()
            {
                layer.Density.ZeroGrad();
                layer.Forward(x, ForwardContext.Train());
                layer.Backward(grad);
            }
            var forward = Timing.Measure(Forward, warmUp, context.Options.EffectiveRepetitions);
            var train = Timing.Measure(Train, warmUp, context.Options.EffectiveRepetitions);
            double updates = (double)threads * steps * n * n;
            string label = PerfContext.ThreadsLabel(threads);
            string fName = $"wave solver {n}×{n} forward ({steps} steps, {threads} sample(s)), {label}";
            string tName = $"wave solver {n}×{n} forward + adjoint ({steps} steps, {threads} sample(s)), {label}";
            if (!context.Options.IncludePythonBaselines)
            {
                results.Add(new PerfResult(fName, forward.RateAtMin(updates) / 1e6, "M cell-updates/s", Detail: forward.ToString()));
                results.Add(new PerfResult(tName, train.RateAtMin(updates) / 1e6, "M cell-updates/s", Detail: train.ToString()));
                continue;
            }
            var run = PythonBaseline.Run("torch_wave_rnn.py",
                ["--threads", Str(threads), "--batch", Str(threads), "--steps", Str(steps), "--n", Str(n), "--pml", Str(AbsorberCells),
                 "--repetitions", Str(context.Options.EffectiveRepetitions)],
                threads, context.Options);
            if (!run.Ok)
            {
                results.Add(PythonBaseline.PeerSkipped(context, fName, forward.RateAtMin(updates) / 1e6, "M cell-updates/s", Comparison, "PyTorch", run,
                    PythonBaseline.TorchPackages, forward.ToString()));
                results.Add(PythonBaseline.PeerSkipped(context, tName, train.RateAtMin(updates) / 1e6, "M cell-updates/s", Comparison, "PyTorch", run,
                    PythonBaseline.TorchPackages, train.ToString()));
                continue;
            }
            var json = run.Json!.Value;
            context.Note($"{fName}: torch {json.GetProperty("torch").GetString()} on {json.GetProperty("threads").GetInt32()} thread(s) via {run.Interpreter}, float64.");
            results.Add(Compare(fName, forward, CpuSecondsPerCall(Forward), json.GetProperty("forward"), updates));
            results.Add(Compare(tName, train, CpuSecondsPerCall(Train), json.GetProperty("train"), updates));
        }
        return results;
    }

    private const string Comparison = "our rate / PyTorch rate (min times)";

    private static PerfResult Compare(string name, Timing ours, double oursCpu, JsonElement torch, double updates)
    {
        double min = torch.GetProperty("min").GetDouble(), median = torch.GetProperty("median").GetDouble();
        double torchCpu = torch.GetProperty("cpu_mean").GetDouble();
        double ratio = min / ours.Min;
        return new PerfResult(name, ours.RateAtMin(updates) / 1e6, "M cell-updates/s", Comparison, ratio, $"≥ {TorchTarget:F0}", ratio >= TorchTarget,
            $"ours {ours} (median {ours.RateAtMedian(updates) / 1e6:F0} M/s); PyTorch min {min * 1e3:F1} ms, median {median * 1e3:F1} ms ({updates / min / 1e6:F1} M/s at min); "
            + $"CPU time per call (mean): ours {oursCpu * 1e3:F2} ms, PyTorch {torchCpu * 1e3:F1} ms, ratio {torchCpu / oursCpu:F2}");
    }

    /// <summary>
    /// Mean process CPU seconds per call of <paramref name="op"/>, over calls filling at least <see cref="MinCpuSeconds"/>:
    /// on a loaded machine the wall time of a long call counts the waits for a core, and a short call's minimum can dodge them
    /// where a long call's cannot; CPU time counts neither (PyTorch's script reports the same figure).
    /// </summary>
    private static double CpuSecondsPerCall(Action op)
    {
        var start = Environment.CpuUsage.TotalTime;
        int calls = 0;
        do
        {
            op();
            calls++;
        }
        while ((Environment.CpuUsage.TotalTime - start).TotalSeconds < MinCpuSeconds);
        return (Environment.CpuUsage.TotalTime - start).TotalSeconds / calls;
    }

    /// <summary>CPU seconds the CPU-time figure spans (getrusage resolution is microseconds; this keeps the mean steady).</summary>
    private const double MinCpuSeconds = 0.3;

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}
