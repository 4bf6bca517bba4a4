using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PnnKit.Bench.Suite;
using PnnKit.Cli.Commands;
using PnnKit.Cli.Config;

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

    private Process StartSilo(string config, int index, params string[] extra)
    {
        var p = Pnn.Start(_dir, ["cluster", "silo", "--cluster", config, "--silo", index.ToString(CultureInfo.InvariantCulture), .. extra]);
        _silos.Add(p);
        var ready = p.StandardOutput.ReadLineAsync();
        Assert.True(ready.Wait(TimeSpan.FromMinutes(1)) && ready.Result?.StartsWith($"silo {index} ", StringComparison.Ordinal) == true,
            $"silo {index} did not start: {(ready.IsCompleted ? ready.Result : "no line")}");
        return p;
    }

    private static async Task<string?> ReadLine(Process client, List<string> err, CancellationToken deadline)
    {
        try
        {
            return await client.StandardError.ReadLineAsync(deadline);
        }
        catch (OperationCanceledException)
        {
            client.Kill(entireProcessTree: true);
            Assert.Fail("the cluster client did not finish in 4 minutes after a silo was killed; its stderr:\n" + string.Join("\n", err));
            return null;
        }
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
        // A stuck client must fail the test, not hang CI: the whole sweep gets 4 minutes (it takes about one).
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        while (await ReadLine(client, err, deadline.Token) is { } line)
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

    [Fact]
    public void TheSuite_OnTwoSiloProcesses_EqualsTheSingleProcessSuite_AndBothSilosWork()
    {
        // The tour's rows with two Iris seeds: every kind of suite item (Iris, crossbar, mesh, reservoir rows, then the tasks).
        var options = new SuiteOptions { Tour = true, IrisSeeds = 2 };
        var single = BenchSuite.Run(options);

        string config = WriteConfig(2);
        var topology = ClusterConfig.Load(config);
        StartSilo(config, 0);
        StartSilo(config, 1);
        var perSilo = new Dictionary<string, int>();
        var onCluster = BenchSuite.Run(options, map: (spec, keys) => SweepRunner.OnCluster(topology, new Sweep(SuiteSweep.KindName, spec, keys), p =>
        {
            lock (perSilo)
            {
                foreach (var (silo, n) in p.PerSilo)
                {
                    perSilo[silo] = Math.Max(perSilo.GetValueOrDefault(silo), n);
                }
            }
        }));

        var json = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        Assert.Equal(JsonSerializer.Serialize(single.Rows, json), JsonSerializer.Serialize(onCluster.Rows, json));
        Assert.True(single.Rows.Count >= 10, $"{single.Rows.Count} rows");
        Assert.True(perSilo.Count == 2 && perSilo.Values.All(n => n > 0), "items per silo: " + string.Join(", ", perSilo.Select(p => $"{p.Key} {p.Value}")));
    }

    [Fact]
    public async Task ASiloStartedWithSlots_OffersThatManyWorkerSlots()
    {
        string config = WriteConfig(1);
        StartSilo(config, 0, "--slots", "3");
        var topology = ClusterConfig.Load(config);
        using var host = SiloHost.Client(topology);
        await host.StartAsync();
        var client = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IClusterClient>(host.Services);
        var hosts = await client.GetGrain<Orleans.Runtime.IManagementGrain>(0).GetHosts(true);
        var silo = Assert.Single(hosts.Keys);
        Assert.Equal(3, await client.GetGrain<IWorkerGrain>($"{silo.ToParsableString()}/0").Cores());
        await host.StopAsync();
    }

    [Fact]
    public void BenchPerf_ReportsTheSpeedUpFromOneToTwoSiloProcesses_AsARatio()
    {
        var (code, stdout, stderr) = Pnn.Run(_dir, "bench", "perf", "--only", "cluster", "--quick", "--no-python", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var row = Assert.Single(doc.RootElement.GetProperty("results").EnumerateArray(), r => r.GetProperty("name").GetString()!.StartsWith("cluster sweep speed-up", StringComparison.Ordinal));
        Assert.Equal("×", row.GetProperty("unit").GetString());
        // Wall-time ratios are not asserted (DESIGN: no timing in tests); the figure exists, is a positive ratio, and says what it compares.
        Assert.True(row.GetProperty("value").GetDouble() > 0);
        Assert.Contains("one slot per silo", row.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}

