using System.Diagnostics;
using System.Globalization;
using PnnKit.Bench.Perf;
using PnnKit.Cluster;

namespace PnnKit.Cli.Commands;

/// <summary>
/// pnn bench perf's scale-out figure: the same sweep of fixed compute blocks (<see cref="ComputeBlockSweep"/>) on one
/// <c>pnn cluster silo</c> process and on two, each silo given one worker slot, sent from this process as a cluster
/// client; the ratio of the wall times (1 silo ÷ 2 silos) is the speed-up. Silo start-up is not timed; each timed run
/// is one whole sweep, and the two runs' results must agree item for item.
/// </summary>
internal sealed class ClusterSpeedupPerfItem : IPerfItem
{
    /// <summary>
    /// Products of 160 × 160 matrices: ≈ 2.5 ms each on one core of this machine's class (measured: 16 per item made a
    /// 24-item sweep take 1.0 s on one silo), so 128 make an item of ≈ 0.3 s, long enough that a grain call's cost is a
    /// small part (PnnKit's choice; at 40 ms per item the ratio came out 1.1–1.4 on 2 idle cores).
    /// </summary>
    private const int BlockSize = 160, Products = 128;

    public string Name => "cluster speed-up, 1 → 2 silo processes";

    public IEnumerable<PerfResult> Run(PerfContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int items = context.Options.Quick ? 8 : 24;
        var sweep = new Sweep(ComputeBlockSweep.KindName, ComputeBlockSweep.Spec(BlockSize, Products),
            [.. Enumerable.Range(0, items).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
        string dir = Directory.CreateTempSubdirectory("pnnkit-perf-cluster-").FullName;
        try
        {
            var (one, oneResults) = Time(context, sweep, dir, silos: 1);
            var (two, twoResults) = Time(context, sweep, dir, silos: 2);
            if (!oneResults.SequenceEqual(twoResults))
            {
                throw new InvalidOperationException("pnn bench perf: the sweep's results on 1 and 2 silos differ; a work item is not a pure function of its key.");
            }
            string detail = $"{items} items of {Products} products of {BlockSize}×{BlockSize} (one thread each), one slot per silo; 1 silo {one}; 2 silos {two}; {Environment.ProcessorCount} logical cores";
            if (Environment.ProcessorCount < 2)
            {
                context.Note("cluster speed-up: this machine has one core, so two silo processes share it and no speed-up is possible.");
            }
            return [new PerfResult("cluster sweep speed-up, 1 → 2 silo processes", one.Median / two.Median, "×",
                Comparison: "median wall time of the sweep on 1 silo ÷ on 2 silos (min ratio " + (one.Min / two.Min).ToString("F2", CultureInfo.InvariantCulture) + ")", Detail: detail)];
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Starts <paramref name="silos"/> silo processes, times the sweep on them, stops them.</summary>
    private static (Timing Timing, IReadOnlyList<string> Results) Time(PerfContext context, Sweep sweep, string dir, int silos)
    {
        var ports = Enumerable.Range(0, 2 * silos).Select(_ => SiloHost.FreePort()).ToList();
        var topology = new ClusterTopology([.. ports.Take(silos)], [.. ports.Skip(silos)], $"perf-{silos}-{Environment.ProcessId}");
        string config = Path.Combine(dir, $"cluster-{silos}.yaml");
        File.WriteAllText(config, "cluster:\n  clustering: localhost\n"
            + $"  silo_ports: [{string.Join(", ", topology.SiloPorts)}]\n  gateway_ports: [{string.Join(", ", topology.GatewayPorts)}]\n  cluster_id: {topology.ClusterId}\n");
        var processes = new List<Process>();
        try
        {
            for (int s = 0; s < silos; s++)
            {
                processes.Add(StartSilo(config, s));
            }
            using var session = SweepSession.Connect(topology);
            IReadOnlyList<string> results = [];
            context.Log.WriteLine($"perf: cluster sweep on {silos} silo process{(silos == 1 ? "" : "es")}");
            var timing = Timing.Measure(() => results = session.Run(sweep), warmUp: 1, repetitions: context.Options.Quick ? 1 : 3, minSample: TimeSpan.Zero);
            return (timing, results);
        }
        finally
        {
            foreach (var p in processes)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    p.WaitForExit();
                }
                p.Dispose();
            }
        }
    }

    /// <summary>`pnn cluster silo --slots 1` as a child process of this one; returns once it says it listens.</summary>
    private static Process StartSilo(string config, int index)
    {
        // This process is either the pnn apphost or dotnet running pnn.dll: start the silo the same way.
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("pnn bench perf: cannot tell which executable this is, to start silo processes.");
        var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.ArgumentList.Add(typeof(ClusterSpeedupPerfItem).Assembly.Location);
        }
        foreach (string a in (string[])["cluster", "silo", "--cluster", config, "--silo", index.ToString(CultureInfo.InvariantCulture), "--slots", "1"])
        {
            psi.ArgumentList.Add(a);
        }
        var p = Process.Start(psi) ?? throw new InvalidOperationException("pnn bench perf: could not start a silo process.");
        p.ErrorDataReceived += (_, _) => { }; // drained, so a chatty silo never blocks on a full pipe
        p.BeginErrorReadLine();
        var ready = p.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromMinutes(1)) || ready.Result?.StartsWith($"silo {index} ", StringComparison.Ordinal) != true)
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"pnn bench perf: silo {index} did not start within a minute.");
        }
        return p;
    }
}
