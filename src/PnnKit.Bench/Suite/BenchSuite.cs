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

    /// <summary>A short description for the run store's config hash.</summary>
    public string Describe() => $"bench-suite quick={Quick} tour={Tour} fashion={FashionMnist} seed={Seed} widths={string.Join(",", EqualAccuracy.Widths)}";
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
    public static SuiteSkip FashionMnist(string reason) => new("fashion-mnist", ["fashion-mnist/digital", "fashion-mnist/memristive"], reason,
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

    /// <summary>Runs the suite; <paramref name="log"/> gets progress lines.</summary>
    public static SuiteResult Run(SuiteOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool quick = options.Quick || options.Tour;
        ulong seed = options.Seed;
        var rows = new List<SuiteRow>();

        var iris = SuiteTask.Iris(seed);
        var irisSettings = IrisDigital;
        log?.Invoke("iris: digital MLP, resistor network" + (options.Tour ? "" : ", spring network"));
        rows.AddRange(Task(iris, irisSettings, seed, [SubstrateRows.Resistor(seed, quick), .. options.Tour ? Array.Empty<SuiteRow>() : [SubstrateRows.Spring(seed, quick)]]));

        var mnist = SuiteTask.MnistSubset();
        var mnistSettings = MnistDigital;
        log?.Invoke("mnist-subset: digital MLP, memristive crossbar MLP (hardware-aware" + (options.Tour ? ")" : " and plain training)"));
        rows.AddRange(Task(mnist, mnistSettings, seed, [SubstrateRows.Memristive(mnist, seed, quick, log), .. options.Tour ? Array.Empty<SuiteRow>() : [SubstrateRows.Memristive(mnist, seed, quick, log, hardwareAware: false)]]));

        var skipped = new List<SuiteSkip>();
        string? missing = null;
        if (options.FashionMnist && !options.Tour && SuiteTask.FashionMnist(quick ? 8_000 : int.MaxValue, quick ? 2_000 : int.MaxValue, out missing) is { } fashion)
        {
            log?.Invoke($"fashion-mnist ({fashion.Train.Count} train / {fashion.Test.Count} test): digital MLP, memristive crossbar MLP");
            // Shift augmentation and dropout cost Fashion-MNIST accuracy at these epoch counts (quick suite: 79.75 % with them, 86.40 % without): plain Adam.
            rows.AddRange(Task(fashion, new DigitalMlpSettings([256], quick ? 10 : 20, 64, 1e-3), seed, [SubstrateRows.Memristive(fashion, seed, quick, log)]));
        }
        else if (missing is not null)
        {
            skipped.Add(SuiteSkip.FashionMnist(missing));
            log?.Invoke(skipped[^1].Line);
        }

        var moons = SuiteTask.Moons(seed);
        log?.Invoke("moons: digital MLP, photonic mesh network");
        rows.AddRange(Task(moons, irisSettings, seed, [SubstrateRows.Photonic(seed)]));

        var wave = SuiteTask.SineSquare(seed);
        log?.Invoke("sine-square: digital MLP on a window of 8 samples, STO reservoir");
        rows.AddRange(Task(wave, WaveDigital, seed, [SubstrateRows.Spintronic(seed)]));
        return new SuiteResult(options, rows) { Skipped = skipped };
    }

    /// <summary>
    /// The digital row of <paramref name="task"/> and <paramref name="substrates"/> with their equal-accuracy
    /// digital match: one-hidden-layer MLPs of <see cref="EqualAccuracy.Widths"/> trained with the
    /// digital row's settings and the same seed, each width trained at most once per task.
    /// </summary>
    public static IEnumerable<SuiteRow> Task(SuiteTask task, DigitalMlpSettings digital, ulong seed, IReadOnlyList<SuiteRow> substrates)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(digital);
        ArgumentNullException.ThrowIfNull(substrates);
        var d = DigitalMlp.Train(task, digital, seed);
        yield return new SuiteRow(task.Name, "digital", $"MLP {digital.Shape(task)}, fp32{digital.Extras}", d.Accuracy, 0, null, null, null, d.Accuracy, null, "no drift (digital)",
            d.CoreEnergyJoules, d.SystemEnergyJoules, d.LatencySeconds, $"Adam, {digital.Epochs} epochs (software)", 0, d.Parameters, d.Static, null, null,
            "45 nm digital (Horowitz 2014), weights from 1 MB SRAM once per batch");
        var sweep = new Dictionary<int, DigitalMatch>();
        DigitalMatch Width(int w)
        {
            if (!sweep.TryGetValue(w, out var m))
            {
                m = DigitalMlp.Train(task, digital.WithWidth(w), seed).AsMatch(w);
                sweep[w] = m;
            }
            return m;
        }
        foreach (var row in substrates)
        {
            var match = EqualAccuracy.Smallest(row.DeployedAccuracy, Width);
            yield return row with
            {
                DigitalMatch = match,
                EfficiencyVsDigital = match is null || !(row.SystemEnergyJoules > 0) ? null : EqualAccuracy.Ratio(match, row.SystemEnergyJoules),
            };
        }
    }
}
