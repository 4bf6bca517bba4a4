using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;

namespace PnnKit.Dynamics.Reproductions;

/// <summary>
/// Settings of the vowel reproduction of Hughes et al., Sci. Adv. 5, eaay6946 (2019). Defaults are the paper's
/// linear three-vowel study (fancompute/wavetorch, study/linear-3vow/cv_linear.yml): 140×140 grid, absorbing layer of
/// 20 cells, dt = 0.707 with h = 2.01·dt (wavetorch's WaveCell), c0 = 1, c1 = 0.8, source at (pml + 20, N/2), three probes
/// at x = N − pml − 20 spaced 35 cells, design region from 5 cells after the source to 5 cells before the probes,
/// 10 kHz audio cropped to 1,000 samples, /ae/, /ei/, /iy/ of 45 men and 48 women (Hillenbrand's talkers), 5-fold
/// cross-validation, Adam with learning rate 4·10⁻⁴, batch 9, 20 epochs, density starting at 0.5.
/// </summary>
public sealed record WaveRnnVowelsOptions
{
    /// <summary>Grid cells along x and y.</summary>
    public int Grid { get; init; } = 140;

    /// <summary>Absorbing layer width, cells.</summary>
    public int AbsorberCells { get; init; } = 20;

    /// <summary>Distance of the source from the absorber and of the probes from the far absorber, cells (wavetorch: 20).</summary>
    public int Margin { get; init; } = 20;

    /// <summary>Cells between the source and the design region, and between the design region and the probes (wavetorch: 5).</summary>
    public int Gap { get; init; } = 5;

    /// <summary>Probe spacing along y, cells (wavetorch pd = 35).</summary>
    public int ProbeSpacing { get; init; } = 35;

    /// <summary>Time step = one audio sample (wavetorch dt = 0.707).</summary>
    public double Dt { get; init; } = 0.707;

    /// <summary>Wave speed of the second material (cv_linear.yml: c1 = 0.8; background c0 = 1).</summary>
    public double MaterialSpeed { get; init; } = 0.8;

    /// <summary>Projection sharpness β (wavetorch 100).</summary>
    public double ProjectionBeta { get; init; } = 100;

    /// <summary>
    /// Kerr-like coefficient K of the design material, c² → c²(1 + K ρ̃ u²) (see <see cref="WaveRnnOptions.KerrCoefficient"/>).
    /// Hughes et al.'s nonlinear study (wavetorch study/kerr-3vow/cv_kerr.yml) uses c = c_lin + ρ̃ c_nl u² with c_nl = −0.3 at
    /// c1 = 0.75, i.e. K ≈ 2 c_nl / c1 = −0.8 for small u², on inputs normalised to unit total energy (Σ x² = 1 over a file of
    /// some 10³ samples), so their u² is ~10⁻³ of ours (our utterances have unit RMS) and the same K would make c² negative near
    /// the source. −0.1 (assumption, in these normalised units): the speed falls with intensity as in their study, by up to
    /// 27 % in c² at the strongest design-region field of the quick grid (max u² ≈ 2.7) and 7 % at paper size (max u² ≈ 0.66),
    /// strong enough to act and far from the c² = 0 where the scheme breaks. 0: the linear wave RNN.
    /// </summary>
    public double KerrCoefficient { get; init; } = -0.1;

    /// <summary>
    /// How the grid ends: the auxiliary-field PML (default; a pulse's reflection 1.5·10⁻³ of its amplitude against 0.39 for the
    /// damping layer, PmlTests) or wavetorch's damping layer σ_max (d/N)^p, p = 4, σ_max = 3, the former default.
    /// </summary>
    public WaveBoundary Boundary { get; init; } = WaveBoundary.Pml;

    /// <summary>Formants glide during each utterance (<see cref="VowelGlide.Hillenbrand"/>); false: the stationary vowels of before.</summary>
    public bool FormantGlide { get; init; } = true;

    /// <summary>
    /// Signal-to-noise ratio of the additive white noise on every utterance, dB; +∞ for none. 20 dB (assumption): a
    /// microphone in an ordinary room; Hillenbrand's booth recordings through a 12-bit converter were cleaner (≳ 30 dB).
    /// </summary>
    public double NoiseSnrDb { get; init; } = 20;

    /// <summary>Audio sample rate, Hz (cv_linear.yml sr = 10,000).</summary>
    public double SampleRate { get; init; } = 10_000;

    /// <summary>Samples per utterance = time steps (cv_linear.yml window_size = 1,000).</summary>
    public int Samples { get; init; } = 1000;

    /// <summary>Male speakers (Hillenbrand et al. 1995 recorded 45).</summary>
    public int Men { get; init; } = 45;

    /// <summary>Female speakers (Hillenbrand et al. 1995 recorded 48).</summary>
    public int Women { get; init; } = 48;

    /// <summary>Cross-validation folds.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Training epochs of the wave RNN per fold.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Adam learning rate of the density.</summary>
    public double LearningRate { get; init; } = 4e-4;

    /// <summary>Minibatch size.</summary>
    public int BatchSize { get; init; } = 9;

    /// <summary>Training epochs of the digital RNN per fold (wavetorch's RNN study trained for hundreds; 0 skips it).</summary>
    public int BaselineEpochs { get; init; } = 30;

    /// <summary>Hidden units of the digital RNN; 0 (default) for the most whose parameter count fits in the wave RNN's design cells.</summary>
    public int RnnHidden { get; init; }

    /// <summary>Largest global gradient norm of a digital-RNN update (clipping, as wavetorch's RNN study clips its gradients).</summary>
    public double BaselineGradientClip { get; init; } = 1;

    /// <summary>Adam learning rate of the digital RNN.</summary>
    public double BaselineLearningRate { get; init; } = 3e-3;

    /// <summary>
    /// Samples the digital RNN reads per time step: 10 (1 ms at 10 kHz). Read one sample per step, a tanh RNN must act
    /// as a resonant filter bank over 1,000 steps and trains to chance on some folds; framed input is how digital
    /// audio RNNs are normally fed, and keeps the parameter budget (input weights H·F count against it).
    /// </summary>
    public int BaselineFrame { get; init; } = 10;

    /// <summary>Train only the digital baseline (the wave RNN's columns are NaN): minutes instead of hours at paper size.</summary>
    public bool BaselineOnly { get; init; }

    /// <summary>Seed of the speakers, folds and initial weights.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>A small grid for CI and smoke tests (seconds).</summary>
    public static WaveRnnVowelsOptions Quick { get; } = new()
    {
        Grid = 32,
        AbsorberCells = 5,
        Margin = 3,
        Gap = 2,
        ProbeSpacing = 7,
        Samples = 240,
        Men = 6,
        Women = 6,
        Folds = 3,
        Epochs = 8,
        LearningRate = 0.05,
        ProjectionBeta = 8,
        BatchSize = 6,
        BaselineEpochs = 30,
    };

    /// <summary>The device effects these settings switch on, in words for the report.</summary>
    public string Effects() => string.Join(", ", new[]
    {
        KerrCoefficient != 0 ? $"intensity-dependent speed K = {KerrCoefficient.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "linear medium",
        FormantGlide ? "gliding formants" : "stationary formants",
        double.IsPositiveInfinity(NoiseSnrDb) ? "no noise" : $"noise at {NoiseSnrDb.ToString(System.Globalization.CultureInfo.InvariantCulture)} dB SNR",
        Boundary == WaveBoundary.Pml ? "PML boundary" : "damping-layer boundary",
    });

    /// <summary>The wave-RNN geometry these settings describe.</summary>
    public WaveRnnOptions Geometry()
    {
        int n = Grid, pml = AbsorberCells;
        int sx = pml + Margin, px = n - pml - Margin - 1;
        int y0 = (n - (2 * ProbeSpacing)) / 2;
        int dx = sx + Gap, dw = px - Gap - dx;
        if (dw < 1 || y0 < pml)
        {
            throw new ArgumentOutOfRangeException(nameof(Grid), $"A {n}×{n} grid with a {pml}-cell absorber, margin {Margin} and probe spacing {ProbeSpacing} leaves no design region or puts probes in the absorber.");
        }
        return new WaveRnnOptions
        {
            Nx = n,
            Ny = n,
            H = 2.01 * Dt,
            Dt = Dt,
            MaterialSpeed = MaterialSpeed,
            ProjectionBeta = ProjectionBeta,
            KerrCoefficient = KerrCoefficient,
            Boundary = Boundary,
            AbsorberCells = pml,
            DesignRegion = (dx, pml, dw, n - (2 * pml)),
            Source = new(sx, n / 2),
            Probes = [new(px, y0), new(px, y0 + ProbeSpacing), new(px, y0 + (2 * ProbeSpacing))],
        };
    }
}

/// <summary>Accuracy on one cross-validation fold.</summary>
/// <param name="Fold">Fold index.</param>
/// <param name="WaveTrain">Wave RNN, training set.</param>
/// <param name="Splits">Utterances trained on and held out in this fold (k-fold cross-validation; nothing is chosen on the held-out fold).</param>
/// <param name="WaveTest">Wave RNN, held-out fold.</param>
/// <param name="RnnTrain">Digital RNN, training set.</param>
/// <param name="RnnTest">Digital RNN, held-out fold.</param>
public sealed record WaveRnnFold(int Fold, double WaveTrain, double WaveTest, double RnnTrain, double RnnTest, SplitSizes Splits);

/// <summary>Outcome of the vowel reproduction.</summary>
/// <param name="Utterances">Synthesised utterances.</param>
/// <param name="Grid">Grid side, cells.</param>
/// <param name="Steps">Time steps per utterance.</param>
/// <param name="DesignCells">Trainable cells of the wave RNN.</param>
/// <param name="RnnHidden">Hidden units of the digital RNN.</param>
/// <param name="RnnParameters">Trainable numbers of the digital RNN.</param>
/// <param name="Folds">Per-fold accuracies.</param>
/// <param name="SourceProbeEnergyJoules">Source and probe transducer energy per classified utterance (<see cref="WaveTransducers"/>).</param>
/// <param name="Effects">The device effects of the run, in words (e.g. the Kerr coefficient).</param>
public sealed record WaveRnnVowelsResult(int Utterances, int Grid, int Steps, int DesignCells, int RnnHidden, int RnnParameters, IReadOnlyList<WaveRnnFold> Folds, double SourceProbeEnergyJoules, string Effects = "")
{
    /// <summary>Mean and sample standard deviation of the wave RNN's held-out accuracy over folds.</summary>
    public (double Mean, double Std) WaveTest => MeanStd(Folds.Select(f => f.WaveTest));

    /// <summary>Mean and sample standard deviation of the digital RNN's held-out accuracy over folds.</summary>
    public (double Mean, double Std) RnnTest => MeanStd(Folds.Select(f => f.RnnTest));

    /// <summary>
    /// Wave minus digital held-out accuracy, mean over folds, and its standard error from the per-fold differences (the two
    /// networks see the same folds, so the paired differences carry the comparison); NaN when either was not run.
    /// </summary>
    public (double Difference, double StdError) Gap
    {
        get
        {
            var (m, sd) = MeanStd(Folds.Select(f => f.WaveTest - f.RnnTest));
            return (m, sd / Math.Sqrt(Folds.Count));
        }
    }

    private static (double, double) MeanStd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double m = v.Average();
        return (m, v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Length - 1)) : 0);
    }
}

/// <summary>
/// Vowel classification by a trained wave-speed distribution (Hughes et al. 2019) on synthetic /ae/, /ei/, /iy/
/// (<see cref="VowelSynthesizer"/>, Hillenbrand's men's and women's averages with speaker variation), with k-fold
/// cross-validation and a vanilla tanh RNN of about as many trainable numbers as the wave RNN has design cells as the
/// digital baseline. Loss of the paper: cross-entropy of the normalised probe intensities pᵢ = Iᵢ / Σ I.
/// </summary>
public static class WaveRnnVowels
{
    /// <summary>Runs the reproduction; <paramref name="log"/> receives progress lines.</summary>
    public static WaveRnnVowelsResult Run(WaveRnnVowelsOptions options, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Folds < 2 || options.Men + options.Women < options.Folds || options.Epochs < 1 || options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"Need ≥ 2 folds, at least as many speakers as folds, ≥ 1 epoch and batch ≥ 1; got {options.Folds} folds, {options.Men + options.Women} speakers, {options.Epochs} epochs, batch {options.BatchSize}.");
        }
        var geometry = options.Geometry();
        var (x, labels) = Dataset(options);
        var folds = FoldOf(labels, options.Folds, new Rng(options.Seed).Split("folds"));
        int designCells = geometry.DesignRegion.Width * geometry.DesignRegion.Height;
        if (options.BaselineFrame < 1 || options.Samples % options.BaselineFrame != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"BaselineFrame must be ≥ 1 and divide the {options.Samples} samples, got {options.BaselineFrame}.");
        }
        int hidden = options.RnnHidden > 0 ? options.RnnHidden : VanillaRnn.HiddenForBudget(designCells, 3, options.BaselineFrame);
        int rnnParameters = new VanillaRnn(hidden, 3, new Rng(0), options.BaselineFrame).ParameterCount;
        var results = new List<WaveRnnFold>();
        for (int f = 0; f < options.Folds; f++)
        {
            int[] train = [.. Enumerable.Range(0, labels.Length).Where(i => folds[i] != f)];
            int[] test = [.. Enumerable.Range(0, labels.Length).Where(i => folds[i] == f)];
            var rng = new Rng(options.Seed).Split($"fold {f}");
            var wave = new WaveRnn<double>(geometry, 0.5);
            if (!options.BaselineOnly)
            {
                Train(wave, x, labels, train, options.Epochs, options.BatchSize, options.LearningRate, rng.Split("wave"), normalised: true, clip: double.PositiveInfinity);
            }
            var rnn = new VanillaRnn(hidden, 3, rng.Split("rnn init"), options.BaselineFrame);
            if (options.BaselineEpochs > 0)
            {
                Train(rnn, x, labels, train, options.BaselineEpochs, options.BatchSize, options.BaselineLearningRate, rng.Split("rnn"), normalised: false, options.BaselineGradientClip);
            }
            var fold = new WaveRnnFold(f, options.BaselineOnly ? double.NaN : Accuracy(wave, x, labels, train), options.BaselineOnly ? double.NaN : Accuracy(wave, x, labels, test),
                options.BaselineEpochs > 0 ? Accuracy(rnn, x, labels, train) : double.NaN, options.BaselineEpochs > 0 ? Accuracy(rnn, x, labels, test) : double.NaN,
                new SplitSizes(train.Length, 0, test.Length));
            log?.Invoke($"fold {f + 1}/{options.Folds}: wave RNN train {fold.WaveTrain:P1}, test {fold.WaveTest:P1}; digital RNN train {fold.RnnTrain:P1}, test {fold.RnnTest:P1}");
            results.Add(fold);
        }
        double energy = new WaveTransducers().EnergyPerUtterance(options.Samples, geometry.Probes.Count);
        return new WaveRnnVowelsResult(labels.Length, options.Grid, options.Samples, designCells, hidden, rnnParameters, results, energy, options.Effects());
    }

    /// <summary>
    /// The WITHOUT rows: <paramref name="options"/> with one device effect switched off per row, labelled by what is off.
    /// Only effects that are on in <paramref name="options"/> get a row.
    /// </summary>
    public static IReadOnlyList<(string Label, WaveRnnVowelsOptions Options)> WithoutEffects(WaveRnnVowelsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = new List<(string, WaveRnnVowelsOptions)>();
        if (options.KerrCoefficient != 0)
        {
            rows.Add(("linear medium (K = 0)", options with { KerrCoefficient = 0 }));
        }
        if (options.FormantGlide)
        {
            rows.Add(("stationary formants", options with { FormantGlide = false }));
        }
        if (!double.IsPositiveInfinity(options.NoiseSnrDb))
        {
            rows.Add(("no noise", options with { NoiseSnrDb = double.PositiveInfinity }));
        }
        if (options.Boundary == WaveBoundary.Pml)
        {
            rows.Add(("damping layer instead of the PML", options with { Boundary = WaveBoundary.Damping }));
        }
        return rows;
    }

    /// <summary>Utterances [n, samples] and labels (0 = /ae/, 1 = /ei/, 2 = /iy/): every speaker says every vowel.</summary>
    public static (Tensor<double> X, int[] Labels) Dataset(WaveRnnVowelsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int speakers = options.Men + options.Women, n = speakers * 3;
        var x = new Tensor<double>(n, options.Samples);
        var labels = new int[n];
        var rng = new Rng(options.Seed).Split("speakers");
        for (int s = 0; s < speakers; s++)
        {
            var table = s < options.Men ? VowelSynthesizer.HillenbrandMen : VowelSynthesizer.HillenbrandWomen;
            for (int v = 0; v < 3; v++)
            {
                int i = (s * 3) + v;
                labels[i] = v;
                var glide = options.FormantGlide ? VowelGlide.For(table[v].Name) : null;
                VowelSynthesizer.Synthesize(table[v], options.SampleRate, options.Samples, rng.Split((ulong)i), glide, options.NoiseSnrDb).CopyTo(x.Row(i));
            }
        }
        return (x, labels);
    }

    /// <summary>Stratified fold index of each sample.</summary>
    private static int[] FoldOf(int[] labels, int folds, Rng rng)
    {
        var fold = new int[labels.Length];
        for (int c = 0; c < 3; c++)
        {
            int[] members = [.. Enumerable.Range(0, labels.Length).Where(i => labels[i] == c)];
            rng.Shuffle(members.AsSpan());
            for (int k = 0; k < members.Length; k++)
            {
                fold[members[k]] = k % folds;
            }
        }
        return fold;
    }

    private static Tensor<double> Rows(Tensor<double> x, ReadOnlySpan<int> rows)
    {
        var t = new Tensor<double>(rows.Length, x.Dim(1));
        for (int i = 0; i < rows.Length; i++)
        {
            x.Row(rows[i]).CopyTo(t.Row(i));
        }
        return t;
    }

    /// <summary>
    /// Minibatch Adam on cross-entropy. For the wave RNN (<paramref name="normalised"/>) the outputs are probe intensities
    /// and the class probabilities are pᵢ = Iᵢ / Σ I (Hughes et al.); for the digital RNN they are logits and p = softmax.
    /// </summary>
    private static void Train(ILayer<double> layer, Tensor<double> x, int[] labels, int[] train, int epochs, int batch, double lr, Rng rng, bool normalised, double clip)
    {
        var adam = new Adam<double>(layer.Parameters, lr);
        var order = (int[])train.Clone();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            rng.Shuffle(order.AsSpan());
            for (int start = 0; start < order.Length; start += batch)
            {
                var rows = order.AsSpan(start, Math.Min(batch, order.Length - start));
                adam.ZeroGrad();
                var y = layer.Forward(Rows(x, rows), ForwardContext.Train());
                var g = new Tensor<double>(y.Rows, y.Dim(1));
                for (int b = 0; b < rows.Length; b++)
                {
                    LossGradient(y.Row(b), labels[rows[b]], normalised, g.Row(b));
                    for (int c = 0; c < y.Dim(1); c++)
                    {
                        g[b, c] /= rows.Length;
                    }
                }
                layer.Backward(g);
                ClipGradientNorm(layer.Parameters, clip);
                adam.Step();
            }
        }
    }

    /// <summary>Scales all gradients down so that their global norm is at most <paramref name="clip"/>.</summary>
    private static void ClipGradientNorm(IReadOnlyList<Parameter<double>> parameters, double clip)
    {
        if (double.IsPositiveInfinity(clip))
        {
            return;
        }
        double norm = Math.Sqrt(parameters.Sum(p => p.Grad.Data.Sum(v => v * v)));
        if (norm > clip)
        {
            foreach (var p in parameters)
            {
                TensorOps.Scale(p.Grad, clip / norm);
            }
        }
    }

    /// <summary>dL/dy of L = −log p_label for one sample.</summary>
    internal static void LossGradient(ReadOnlySpan<double> y, int label, bool normalised, Span<double> grad)
    {
        if (normalised)
        {
            double sum = 0;
            foreach (double v in y)
            {
                sum += v;
            }
            for (int c = 0; c < y.Length; c++)
            {
                grad[c] = (1 / sum) - (c == label ? 1 / y[c] : 0);
            }
            return;
        }
        double max = double.NegativeInfinity;
        foreach (double v in y)
        {
            max = Math.Max(max, v);
        }
        double z = 0;
        foreach (double v in y)
        {
            z += Math.Exp(v - max);
        }
        for (int c = 0; c < y.Length; c++)
        {
            grad[c] = (Math.Exp(y[c] - max) / z) - (c == label ? 1 : 0);
        }
    }

    /// <summary>Fraction of <paramref name="rows"/> whose largest output is the label (argmax of intensities or logits).</summary>
    public static double Accuracy(ILayer<double> layer, Tensor<double> x, int[] labels, int[] rows)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        int correct = 0;
        for (int start = 0; start < rows.Length; start += 32)
        {
            var part = rows.AsSpan(start, Math.Min(32, rows.Length - start));
            var y = layer.Forward(Rows(x, part), ForwardContext.Eval());
            for (int b = 0; b < part.Length; b++)
            {
                var r = y.Row(b);
                int arg = 0;
                for (int c = 1; c < r.Length; c++)
                {
                    arg = r[c] > r[arg] ? c : arg;
                }
                correct += arg == labels[part[b]] ? 1 : 0;
            }
        }
        return (double)correct / rows.Length;
    }
}
