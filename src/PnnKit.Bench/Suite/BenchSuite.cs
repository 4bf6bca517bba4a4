namespace PnnKit.Bench.Suite;

/// <summary>Settings of <see cref="BenchSuite.Run"/>.</summary>
public sealed record SuiteOptions
{
    /// <summary>Reduced epochs and instances (under 10 minutes on 2 cores).</summary>
    public bool Quick { get; init; }

    /// <summary>Seed of every split, initialisation, fabrication and training order.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Only the tour's handful of rows (quick settings, no Fashion-MNIST).</summary>
    public bool Tour { get; init; }

    /// <summary>Include Fashion-MNIST (digital and memristive rows) when it is installed.</summary>
    public bool FashionMnist { get; init; } = true;

    /// <summary>
    /// Seeds of the Iris rows: <see cref="Seed"/>, <see cref="Seed"/> + 1, …; 30 test flowers make one seed's
    /// accuracy a multiple of 3.3 points, so Iris figures are means (± std) over this many splits and initialisations.
    /// </summary>
    public int IrisSeeds { get; init; } = 10;

    /// <summary>The Iris seeds in order.</summary>
    public IReadOnlyList<ulong> IrisSeedList => [.. Enumerable.Range(0, IrisSeeds).Select(k => Seed + (ulong)k)];

    /// <summary>A short description for the run store's config hash.</summary>
    public string Describe() => $"bench-suite quick={Quick} tour={Tour} fashion={FashionMnist} seed={Seed} iris-seeds={IrisSeeds} widths={string.Join(",", EqualAccuracy.Widths)} precisions=fp32,fp16,int8";
}

/// <summary>What the suite measured.</summary>
/// <param name="Options">The settings.</param>
/// <param name="Rows">One row per task and substrate configuration, digital baseline first in each task.</param>
public sealed record SuiteResult(SuiteOptions Options, IReadOnlyList<SuiteRow> Rows)
{
    /// <summary>Rows the suite would have run but could not (missing data), each with the reason and how to install it.</summary>
    public IReadOnlyList<SuiteSkip> Skipped { get; init; } = [];
}

/// <summary>Rows skipped because their data set is not installed (printed aloud and kept in suite.json).</summary>
/// <param name="Dataset">The missing data set.</param>
/// <param name="SkippedRows">The rows left out, as task/substrate.</param>
/// <param name="Reason">Why it could not be loaded (the places looked at).</param>
/// <param name="Install">How to install it.</param>
public sealed record SuiteSkip(string Dataset, IReadOnlyList<string> SkippedRows, string Reason, string Install)
{
    /// <summary>Fashion-MNIST absent: its digital and memristive rows are skipped.</summary>
    public static SuiteSkip FashionMnist(string reason) => new("fashion-mnist", ["fashion-mnist/digital (fp32, fp16, int8)", "fashion-mnist/memristive"], reason,
        "apt-get install dataset-fashion-mnist (Debian), or pnn data fetch fashion-mnist --to DIR and set PNNKIT_DATA=DIR");

    /// <summary>The one line the suite prints.</summary>
    public string Line => $"skipped {string.Join(", ", SkippedRows)}: {Dataset} is not installed; install it with {Install}.";
}

/// <summary>
/// `pnn bench suite`: every substrate that has landed on the tasks it runs, beside a digital MLP on the
/// same split, and each substrate against the smallest digital MLP that reaches its accuracy.
/// Tasks: Iris (resistor and spring networks), the bundled MNIST subset (PCM crossbars), Fashion-MNIST
/// when installed (PCM crossbars), two moons (the 4-mode photonic mesh network takes 2-D inputs) and
/// sine/square waveforms (the STO reservoir, a dynamical substrate).
/// </summary>
public static class BenchSuite
{
    /// <summary>The digital MLP on Iris, as configs/digital-iris-mlp.yaml (also used for moons).</summary>
    public static DigitalMlpSettings IrisDigital { get; } = new([16], 200, 16, 1e-2);

    /// <summary>The digital MLP on the MNIST subset, as configs/digital-mnist-mlp.yaml.</summary>
    public static DigitalMlpSettings MnistDigital { get; } = new([256], 40, 64, 1e-3) { Dropout = 0.2, AugmentShift = 2 };

    /// <summary>The digital MLP on sine/square windows: Iris's settings with half the epochs (the task has ten times the samples).</summary>
    public static DigitalMlpSettings WaveDigital { get; } = IrisDigital with { Epochs = 100 };

    /// <summary>
    /// Runs the suite; <paramref name="log"/> gets progress lines. The suite is two sweeps of work items
    /// (<see cref="EvaluateItem"/>): first every substrate row, then every task's digital rows and matches
    /// from those; <paramref name="map"/> evaluates a sweep's items (default: one after another here; the CLI
    /// sends them to Orleans silos) and must return their results in the keys' order.
    /// </summary>
    public static SuiteResult Run(SuiteOptions options, Action<string>? log = null, SuiteMap? map = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        map ??= (spec, keys) => [.. keys.Select(k => EvaluateItem(spec, k))];
        var (rowKeys, tasks, skipped) = Plan(options);
        log?.Invoke($"iris: digital MLP, resistor network" + (options.Tour ? "" : ", spring network") + $"; seeds {options.IrisSeedList[0]}–{options.IrisSeedList[^1]}");
        log?.Invoke("mnist-subset: digital MLP, memristive crossbar MLP (hardware-aware" + (options.Tour ? ")" : " and plain training), " + string.Join(", ", SystemRows.Keys.Select(k => SystemRows.Describe[k]))));
        if (tasks.Contains(FashionTask))
        {
            log?.Invoke("fashion-mnist: digital MLP, memristive crossbar MLP");
        }
        foreach (var skip in skipped)
        {
            log?.Invoke(skip.Line);
        }
        log?.Invoke("moons: digital MLP, photonic mesh network");
        log?.Invoke("sine-square: digital MLP on a window of 8 samples, STO reservoir");
        if (!options.Tour)
        {
            log?.Invoke("vowels: digital MLP, the single-chip photonic DNN trained forward-only");
        }
        var rowResults = map(Spec(new SuiteSpec(options, RowPhase, null)), rowKeys);
        var substrateRows = rowKeys.Zip(rowResults).ToDictionary(p => p.First, p => Parse<SuiteRow>(p.Second));
        var taskResults = map(Spec(new SuiteSpec(options, TaskPhase, substrateRows)), tasks);
        return new SuiteResult(options, [.. taskResults.SelectMany(Parse<List<SuiteRow>>)]) { Skipped = skipped };
    }

    /// <summary>Evaluates one sweep's items: gets a spec (JSON, shared by every item) and the keys, returns each key's result in order.</summary>
    public delegate IReadOnlyList<string> SuiteMap(string spec, IReadOnlyList<string> keys);

    private const string RowPhase = "rows", TaskPhase = "tasks", FashionTask = "fashion-mnist";

    /// <summary>A sweep's shared settings: the options, the phase, and for the task phase every substrate row by key.</summary>
    private sealed record SuiteSpec(SuiteOptions Options, string Phase, IReadOnlyDictionary<string, SuiteRow>? Rows);

    // Rows travel between processes as JSON; doubles round-trip exactly, NaN included.
    private static readonly System.Text.Json.JsonSerializerOptions WireJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static string Spec(SuiteSpec spec) => System.Text.Json.JsonSerializer.Serialize(spec, WireJson);

    private static T Parse<T>(string json) => System.Text.Json.JsonSerializer.Deserialize<T>(json, WireJson) ?? throw new ArgumentException($"Empty {typeof(T).Name} in a suite work item.", nameof(json));

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, WireJson);

    /// <summary>The substrate-row keys (TASK/SUBSTRATE[/SEED]), the tasks, and the rows skipped for missing data.</summary>
    public static (IReadOnlyList<string> Rows, IReadOnlyList<string> Tasks, IReadOnlyList<SuiteSkip> Skipped) Plan(SuiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = new List<string>();
        foreach (ulong s in options.IrisSeedList)
        {
            rows.Add($"iris/resistor/{s}");
            if (!options.Tour)
            {
                rows.Add($"iris/spring/{s}");
            }
        }
        rows.Add("mnist-subset/memristive");
        if (!options.Tour)
        {
            rows.Add("mnist-subset/memristive-plain");
            rows.AddRange(SystemRows.Keys.Select(k => $"mnist-subset/{k}"));
        }
        var tasks = new List<string> { "iris", "mnist-subset" };
        var skipped = new List<SuiteSkip>();
        if (options.FashionMnist && !options.Tour)
        {
            if (Fashion(options, out string? missing) is not null)
            {
                rows.Add($"{FashionTask}/memristive");
                tasks.Add(FashionTask);
            }
            else if (missing is not null)
            {
                skipped.Add(SuiteSkip.FashionMnist(missing));
            }
        }
        rows.AddRange(["moons/photonic", "sine-square/spintronic"]);
        tasks.AddRange(["moons", "sine-square"]);
        if (!options.Tour)
        {
            rows.Add("vowels/photonic");
            tasks.Add("vowels");
        }
        return (rows, tasks, skipped);
    }

    /// <summary>
    /// One work item, a pure function of (<paramref name="spec"/>, <paramref name="key"/>): a substrate row, or a
    /// task's rows (digital baseline and the substrate rows with their digital matches). Every figure is seeded
    /// from the options' seed and the item, so any process computes the same result.
    /// </summary>
    public static string EvaluateItem(string spec, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var s = Parse<SuiteSpec>(spec);
        var o = s.Options;
        bool quick = o.Quick || o.Tour;
        ulong seed = o.Seed;
        if (s.Phase == RowPhase)
        {
            var parts = key.Split('/');
            return Json((parts[0], parts[1]) switch
            {
                ("iris", "resistor") => SubstrateRows.Resistor(ulong.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), quick),
                ("iris", "spring") => SubstrateRows.Spring(ulong.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), quick),
                ("mnist-subset", "memristive") => SubstrateRows.Memristive(SuiteTask.MnistSubset(seed), seed, quick, null),
                ("mnist-subset", "memristive-plain") => SubstrateRows.Memristive(SuiteTask.MnistSubset(seed), seed, quick, null, hardwareAware: false) with { Variant = "plain training" },
                ("mnist-subset", var system) when SystemRows.Keys.Contains(system) => SystemRows.Row(system, seed, quick),
                (FashionTask, "memristive") => SubstrateRows.Memristive(Fashion(o, out _) ?? throw new InvalidOperationException("Fashion-MNIST is not installed on this machine."), seed, quick, null),
                ("moons", "photonic") => SubstrateRows.Photonic(seed),
                ("sine-square", "spintronic") => SubstrateRows.Spintronic(seed),
                ("vowels", "photonic") => SingleChipRow.Row(seed, quick),
                _ => throw new ArgumentException($"Unknown suite row '{key}'.", nameof(key)),
            });
        }
        var rows = s.Rows ?? throw new ArgumentException("The task phase needs the substrate rows.", nameof(spec));
        return Json(key switch
        {
            "iris" => Task([.. o.IrisSeedList.Select(x => new SuiteReplica(SuiteTask.Iris(x), x,
                [rows[$"iris/resistor/{x}"], .. o.Tour ? Array.Empty<SuiteRow>() : [rows[$"iris/spring/{x}"]]]))], IrisDigital),
            "mnist-subset" => Task(SuiteTask.MnistSubset(seed), MnistDigital, seed,
                [rows["mnist-subset/memristive"], .. o.Tour ? Array.Empty<SuiteRow>() : [rows["mnist-subset/memristive-plain"], .. SystemRows.Keys.Select(k => rows[$"mnist-subset/{k}"])]]),
            // Shift augmentation and dropout cost Fashion-MNIST accuracy at these epoch counts (quick suite: 79.75 % with them, 86.40 % without): plain Adam.
            FashionTask => Task(Fashion(o, out _)!, new DigitalMlpSettings([256], quick ? 10 : 20, 64, 1e-3), seed, [rows[$"{FashionTask}/memristive"]]),
            "moons" => Task(SuiteTask.Moons(seed), IrisDigital, seed, [rows["moons/photonic"]]),
            "sine-square" => Task(SuiteTask.SineSquare(seed), WaveDigital, seed, [rows["sine-square/spintronic"]]),
            "vowels" => Task(SuiteTask.Vowels(SingleChipRow.Options(seed, quick)), IrisDigital, seed, [rows["vowels/photonic"]]),
            _ => throw new ArgumentException($"Unknown suite task '{key}'.", nameof(key)),
        });
    }

    private static SuiteTask? Fashion(SuiteOptions o, out string? missing)
    {
        bool quick = o.Quick || o.Tour;
        return SuiteTask.FashionMnist(quick ? 8_000 : int.MaxValue, quick ? 2_000 : int.MaxValue, o.Seed, out missing);
    }

    /// <summary>One seed's run of a task: its split, the seed, and the substrate rows measured with it.</summary>
    /// <param name="Task">The split drawn with <paramref name="Seed"/>.</param>
    /// <param name="Seed">Seed of the split, the digital MLPs and the substrates.</param>
    /// <param name="Substrates">The substrate rows of this seed, in the same order for every replica.</param>
    public sealed record SuiteReplica(SuiteTask Task, ulong Seed, IReadOnlyList<SuiteRow> Substrates);

    /// <summary>The rows of one task from one seed (see <see cref="Task(IReadOnlyList{SuiteReplica}, DigitalMlpSettings)"/>).</summary>
    public static IReadOnlyList<SuiteRow> Task(SuiteTask task, DigitalMlpSettings digital, ulong seed, IReadOnlyList<SuiteRow> substrates) =>
        Task([new SuiteReplica(task, seed, substrates)], digital);

    /// <summary>
    /// The digital rows of a task (the MLP with <paramref name="digital"/>'s settings at fp32, fp16 and int8)
    /// and its substrate rows, each a mean over <paramref name="replicas"/>, with their equal-accuracy digital
    /// match: for each precision, the smallest one-hidden-layer MLP of <see cref="EqualAccuracy.Widths"/>
    /// whose mean validation accuracy reaches the substrate's deployed accuracy (each width trained once
    /// per replica, the digital row's settings and seed); the cheapest of those is the match, the fp32 one
    /// the second comparison.
    /// </summary>
    public static IReadOnlyList<SuiteRow> Task(IReadOnlyList<SuiteReplica> replicas, DigitalMlpSettings digital)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        ArgumentNullException.ThrowIfNull(digital);
        if (replicas.Count == 0 || replicas.Any(r => r.Substrates.Count != replicas[0].Substrates.Count))
        {
            throw new ArgumentException("Task needs at least one replica, each with the same substrate rows.", nameof(replicas));
        }
        var seeds = replicas.Select(r => r.Seed).ToArray();
        var task = replicas[0].Task;
        var trained = replicas.Select(r => DigitalMlp.Train(r.Task, digital, r.Seed)).ToArray();
        var rows = new List<SuiteRow>();
        for (int p = 0; p < DigitalMlp.Precisions.Count; p++)
        {
            rows.Add(SuiteRow.Mean([.. trained.Select(t => DigitalRow(task, digital, t[p]))], seeds));
        }
        var sweep = new Dictionary<int, IReadOnlyList<DigitalMatch>>();
        IReadOnlyList<DigitalMatch> Width(int w)
        {
            if (!sweep.TryGetValue(w, out var m))
            {
                var runs = replicas.Select(r => DigitalMlp.Train(r.Task, digital.WithWidth(w), r.Seed)).ToArray();
                m = [.. Enumerable.Range(0, DigitalMlp.Precisions.Count).Select(p => MeanMatch([.. runs.Select(run => run[p].AsMatch(w))]))];
                sweep[w] = m;
            }
            return m;
        }
        for (int k = 0; k < replicas[0].Substrates.Count; k++)
        {
            var row = SuiteRow.Mean([.. replicas.Select(r => r.Substrates[k])], seeds);
            var matches = EqualAccuracy.Matches(row.DeployedAccuracy, Width);
            var cheapest = EqualAccuracy.Cheapest(matches);
            var fp32 = matches.FirstOrDefault(m => m.Precision == "fp32");
            bool costed = row.SystemEnergyJoules > 0;
            rows.Add(row with
            {
                DigitalMatch = cheapest,
                EfficiencyVsDigital = cheapest is null || !costed ? null : EqualAccuracy.Ratio(cheapest, row.SystemEnergyJoules),
                DigitalMatchFp32 = fp32,
                EfficiencyVsFp32 = fp32 is null || !costed ? null : EqualAccuracy.Ratio(fp32, row.SystemEnergyJoules),
            });
        }
        return rows;
    }

    private static SuiteRow DigitalRow(SuiteTask task, DigitalMlpSettings digital, DigitalMlpResult d)
    {
        string precision = d.Precision == Core.Costs.DigitalPrecision.Fp32 ? "fp32" : $"{d.PrecisionName} (post-training quantized)";
        return new SuiteRow(task.Name, "digital", $"MLP {digital.Shape(task)}, {precision}{digital.Extras}", d.Accuracy, 0, null, null, null, d.Accuracy, null, "no drift (digital)",
            d.CoreEnergyJoules, d.SystemEnergyJoules, d.LatencySeconds, $"Adam, {digital.Epochs} epochs (software)" + (d.Precision == Core.Costs.DigitalPrecision.Fp32 ? "" : $", then {d.PrecisionName} post-training quantization"),
            0, d.Parameters, d.Static, null, null, $"45 nm digital (Horowitz 2014) at {d.PrecisionName}, weights from 1 MB SRAM once per batch")
        {
            Precision = d.PrecisionName,
            ValidationAccuracy = d.ValidationAccuracy,
            Splits = task.Sizes,
        };
    }

    private static DigitalMatch MeanMatch(IReadOnlyList<DigitalMatch> runs) => new(runs[0].Hidden, runs[0].Precision,
        runs.Average(m => m.ValidationAccuracy), runs.Average(m => m.Accuracy), runs.Average(m => m.CoreEnergyJoules), runs.Average(m => m.SystemEnergyJoules));
}
