using System.Diagnostics;
using System.Globalization;

namespace PnnKit.Cluster.Tests;

/// <summary>Three real `pnn cluster silo` processes on localhost; one is killed mid-sweep.</summary>
public sealed class ClusterProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-cluster-kill-").FullName;
    private readonly List<Process> _silos = [];

    public void Dispose()
    {
        foreach (var p in _silos)
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
            }
            p.Dispose();
        }
        Directory.Delete(_dir, recursive: true);
    }

    private string WriteConfig(int silos)
    {
        var ports = Enumerable.Range(0, 2 * silos).Select(_ => SiloHost.FreePort()).Distinct().ToList();
        Assert.Equal(2 * silos, ports.Count);
        string file = Path.Combine(_dir, "cluster.yaml");
        string List(IEnumerable<int> p) => "[" + string.Join(", ", p.Select(x => x.ToString(CultureInfo.InvariantCulture))) + "]";
        File.WriteAllText(file, $"cluster:\n  clustering: localhost\n  silo_ports: {List(ports.Take(silos))}\n  gateway_ports: {List(ports.Skip(silos))}\n  cluster_id: kill-test\n");
        return file;
    }

    private Process StartSilo(string config, int index)
    {
        var p = Pnn.Start(_dir, "cluster", "silo", "--cluster", config, "--silo", index.ToString(CultureInfo.InvariantCulture));
        _silos.Add(p);
        var ready = p.StandardOutput.ReadLineAsync();
        Assert.True(ready.Wait(TimeSpan.FromMinutes(1)) && ready.Result?.StartsWith($"silo {index} ", StringComparison.Ordinal) == true,
            $"silo {index} did not start: {(ready.IsCompleted ? ready.Result : "no line")}");
        return p;
    }

    [Fact]
    public async Task KillingOneOfThreeSilosMidSweep_LosesNothing_AndTheTableEqualsTheSingleProcessOne()
    {
        string run = Pnn.TrainMemristive(_dir, "mem-mnist", data: "mnist-subset", hidden: 32, epochs: 1);
        string[] sweep = ["robustness", "--design", run, "--instances", "40", "--ages", "1s,1y", "--policies", "none,global", "--json"];
        var single = Pnn.Run(_dir, sweep);
        Assert.True(single.Code == 0, single.Err);

        string config = WriteConfig(3);
        StartSilo(config, 0);
        StartSilo(config, 1);
        var victim = StartSilo(config, 2);
        using var client = Pnn.Start(_dir, [.. sweep, "--cluster", config]);
        var stdout = client.StandardOutput.ReadToEndAsync();
        var err = new List<string>();
        bool killed = false;
        // Kill silo 2 (not the primary, which holds localhost clustering's membership table) once items are flowing.
        while (await client.StandardError.ReadLineAsync() is { } line)
        {
            err.Add(line);
            if (!killed && line.StartsWith("robustness: ", StringComparison.Ordinal))
            {
                victim.Kill(entireProcessTree: true);
                killed = true;
            }
        }
        Assert.True(client.WaitForExit(TimeSpan.FromMinutes(3)), "the cluster client did not finish");
        Assert.True(client.ExitCode == 0, string.Join("\n", err));
        Assert.True(killed, "no progress line was seen, so no silo was killed mid-sweep: " + string.Join("\n", err));
        var last = err.Last(l => l.StartsWith("robustness: ", StringComparison.Ordinal));
        Assert.StartsWith("robustness: 160/160 items", last, StringComparison.Ordinal);
        // Same seeds, same items: the table is byte for byte the single-process one, though a silo died under it.
        Assert.Equal(single.Out, await stdout);
    }
}
