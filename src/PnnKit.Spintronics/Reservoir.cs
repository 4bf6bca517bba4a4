using PnnKit.Core.Costs;
using PnnKit.Core.Random;
using PnnKit.Spintronics.Costs;

namespace PnnKit.Spintronics;

/// <summary>
/// Reservoir computing with one spin-torque oscillator time-multiplexed into virtual nodes (Torrejon et al.,
/// Nature 547, 428 (2017)): each input sample u_n is held for N·θ seconds while a fixed random binary mask
/// m_k ∈ {−1, +1} modulates the current, I = I_dc + ΔI · m_k · u_n during virtual node k; the oscillator
/// power at the end of each θ is node k's state. The oscillator's relaxation couples neighbouring nodes and
/// carries memory of past inputs. Defaults (assumption): I_dc = 2 I_th, ΔI = 0.6 I_th, 24 nodes; the node time θ
/// and the readout's ridge λ of each task are chosen on a validation window by <see cref="Reproductions.SpintronicDemos.SineSquareSweep"/>
/// and <see cref="Reproductions.SpintronicDemos.NarmaSweep"/> (`pnn repro sto-reservoir --sweep`).
/// </summary>
public sealed class OscillatorReservoir
{
    private readonly double[] _mask;

    /// <summary>A reservoir of <paramref name="nodes"/> virtual nodes with a mask drawn from <paramref name="rng"/>.</summary>
    public OscillatorReservoir(AutoOscillator oscillator, int nodes, double nodeSeconds, double biasCurrent, double inputCurrent, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(oscillator);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        if (!(nodeSeconds > 0) || !double.IsFinite(nodeSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(nodeSeconds), $"Node duration θ must be finite and > 0 s, got {nodeSeconds}.");
        }
        if (!double.IsFinite(biasCurrent) || !double.IsFinite(inputCurrent))
        {
            throw new ArgumentOutOfRangeException(nameof(biasCurrent), $"Bias and input currents must be finite, got {biasCurrent} A and {inputCurrent} A.");
        }
        Oscillator = oscillator;
        NodeSeconds = nodeSeconds;
        BiasCurrent = biasCurrent;
        InputCurrent = inputCurrent;
        _mask = new double[nodes];
        for (int k = 0; k < nodes; k++)
        {
            _mask[k] = rng.NextDouble() < 0.5 ? -1 : 1;
        }
    }

    /// <summary>The oscillator.</summary>
    public AutoOscillator Oscillator { get; }

    /// <summary>Virtual nodes per input sample.</summary>
    public int Nodes => _mask.Length;

    /// <summary>Duration θ of one virtual node, s.</summary>
    public double NodeSeconds { get; }

    /// <summary>DC bias current, A.</summary>
    public double BiasCurrent { get; }

    /// <summary>Input current scale ΔI, A.</summary>
    public double InputCurrent { get; }

    /// <summary>The input mask m_k ∈ {−1, +1}.</summary>
    public ReadOnlySpan<double> Mask => _mask;

    /// <summary>Energy and converter costs charged by <see cref="Run"/>.</summary>
    public ReservoirCostModel Costs { get; init; } = ReservoirCostModel.Default;

    /// <summary>The current during virtual node <paramref name="k"/> for input <paramref name="u"/>: I_dc + ΔI m_k u, A.</summary>
    public double NodeCurrent(int k, double u) => BiasCurrent + (InputCurrent * _mask[k] * u);

    /// <summary>
    /// Runs the input sequence and returns the states, [inputs.Length × Nodes] row-major. With a
    /// <paramref name="ledger"/>, charges per node the bias energy I² R θ, one DAC and one ADC conversion
    /// (the caller records the inferences).
    /// </summary>
    public double[] Run(ReadOnlySpan<double> inputs, CostLedger? ledger = null)
    {
        var states = new double[inputs.Length * Nodes];
        double bias = 0;
        for (int n = 0; n < inputs.Length; n++)
        {
            for (int k = 0; k < Nodes; k++)
            {
                double i = NodeCurrent(k, inputs[n]);
                bias += Costs.NodeBiasJoules(i, NodeSeconds);
                states[(n * Nodes) + k] = Oscillator.Advance(i, NodeSeconds);
            }
        }
        if (ledger is not null && inputs.Length > 0)
        {
            long nodes = (long)inputs.Length * Nodes;
            double latency = Nodes * NodeSeconds;
            ledger.Charge(ReservoirCostModel.OscillatorComponent, CostCategory.Core, new Energy(bias), nodes, new Duration(latency), Costs);
            ledger.Charge(ReservoirCostModel.DacComponent, CostCategory.Converter, new Energy(nodes * Costs.DacJoulesPerConversion), nodes, Duration.Zero, Costs);
            ledger.Charge(ReservoirCostModel.AdcComponent, CostCategory.Converter, new Energy(nodes * Costs.AdcJoulesPerConversion), nodes, Duration.Zero, Costs);
            ledger.Exclude("GHz envelope detection", "the node state is the oscillator power; the rectifier or mixer that turns the microwave signal into it is not costed");
            ledger.Exclude("input preprocessing", "the mask is ±1, applied by the DAC; any feature extraction before the reservoir is not costed");
        }
        return states;
    }
}

/// <summary>
/// Ridge regression y ≈ x · w + b on standardised features (each feature centred and scaled to unit variance,
/// so λ is relative and the normal equations stay well conditioned), solved by Cholesky on
/// (ZᵀZ + λ rows I) w = Zᵀ(y − ȳ); the bias is not penalised.
/// </summary>
public sealed class RidgeRegression
{
    private double[] _w = [];
    private double[] _mean = [];
    private double[] _scale = [];
    private double _bias;

    /// <summary>Weights on the standardised features.</summary>
    public ReadOnlySpan<double> Weights => _w;

    /// <summary>Fits on <paramref name="x"/> [rows × features] and <paramref name="y"/> [rows].</summary>
    public void Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int features, double lambda)
    {
        int rows = y.Length, d = features;
        if (x.Length != rows * features || rows < 2)
        {
            throw new ArgumentException($"x has {x.Length} values, expected {rows}×{features} with at least 2 rows.", nameof(x));
        }
        if (!(lambda >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), $"λ must be ≥ 0, got {lambda}.");
        }
        _mean = new double[d];
        _scale = new double[d];
        double ymean = 0;
        for (int r = 0; r < rows; r++)
        {
            ymean += y[r];
            for (int i = 0; i < d; i++)
            {
                _mean[i] += x[(r * d) + i];
            }
        }
        ymean /= rows;
        for (int i = 0; i < d; i++)
        {
            _mean[i] /= rows;
        }
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < d; i++)
            {
                double v = x[(r * d) + i] - _mean[i];
                _scale[i] += v * v;
            }
        }
        for (int i = 0; i < d; i++)
        {
            double sd = Math.Sqrt(_scale[i] / rows);
            _scale[i] = sd > 0 ? 1 / sd : 0;
        }
        var a = new double[d * d];
        var b = new double[d];
        var row = new double[d];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < d; i++)
            {
                row[i] = (x[(r * d) + i] - _mean[i]) * _scale[i];
            }
            double yr = y[r] - ymean;
            for (int i = 0; i < d; i++)
            {
                b[i] += row[i] * yr;
                for (int j = 0; j <= i; j++)
                {
                    a[(i * d) + j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < i; j++)
            {
                a[(j * d) + i] = a[(i * d) + j];
            }
            a[(i * d) + i] += (lambda * rows) + 1e-12;
        }
        // Cholesky A = L Lᵀ in place (lower triangle).
        for (int j = 0; j < d; j++)
        {
            double s = a[(j * d) + j];
            for (int k = 0; k < j; k++)
            {
                s -= a[(j * d) + k] * a[(j * d) + k];
            }
            if (!(s > 0))
            {
                throw new InvalidOperationException("Ridge normal matrix is not positive definite; increase λ.");
            }
            double l = Math.Sqrt(s);
            a[(j * d) + j] = l;
            for (int i = j + 1; i < d; i++)
            {
                double t = a[(i * d) + j];
                for (int k = 0; k < j; k++)
                {
                    t -= a[(i * d) + k] * a[(j * d) + k];
                }
                a[(i * d) + j] = t / l;
            }
        }
        var z = new double[d];
        for (int i = 0; i < d; i++)
        {
            double t = b[i];
            for (int k = 0; k < i; k++)
            {
                t -= a[(i * d) + k] * z[k];
            }
            z[i] = t / a[(i * d) + i];
        }
        _w = new double[d];
        for (int i = d - 1; i >= 0; i--)
        {
            double t = z[i];
            for (int k = i + 1; k < d; k++)
            {
                t -= a[(k * d) + i] * _w[k];
            }
            _w[i] = t / a[(i * d) + i];
        }
        _bias = ymean;
    }

    /// <summary>Prediction for one feature row.</summary>
    public double Predict(ReadOnlySpan<double> features)
    {
        double s = _bias;
        for (int i = 0; i < features.Length; i++)
        {
            s += _w[i] * (features[i] - _mean[i]) * _scale[i];
        }
        return s;
    }
}

/// <summary>
/// The sine/square waveform classification task (Paquot et al., Sci. Rep. 2, 287 (2012); used with a
/// spin-torque oscillator by Torrejon et al. 2017 and Marković et al., APL 114, 012409 (2019)): a random
/// sequence of sine and square periods, 8 samples each; the label of every sample is 1 for square, 0 for sine.
/// </summary>
public static class SineSquareTask
{
    /// <summary>Samples per period.</summary>
    public const int SamplesPerPeriod = 8;

    /// <summary>Generates <paramref name="periods"/> random periods: inputs in [−1, 1] and labels.</summary>
    public static (double[] Inputs, double[] Labels) Generate(int periods, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var u = new double[periods * SamplesPerPeriod];
        var y = new double[u.Length];
        for (int p = 0; p < periods; p++)
        {
            bool square = rng.NextDouble() < 0.5;
            for (int k = 0; k < SamplesPerPeriod; k++)
            {
                double s = Math.Sin(2 * Math.PI * k / SamplesPerPeriod);
                u[(p * SamplesPerPeriod) + k] = square ? (k < SamplesPerPeriod / 2 ? 1 : -1) : s;
                y[(p * SamplesPerPeriod) + k] = square ? 1 : 0;
            }
        }
        return (u, y);
    }

    /// <summary>
    /// Trains a ridge readout on states of the first <paramref name="trainRows"/> rows (after <paramref name="washout"/>)
    /// and returns the accuracy (threshold 0.5) on the rest.
    /// </summary>
    public static double ReadoutAccuracy(double[] states, int features, double[] labels, int washout, int trainRows, double lambda)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return ReadoutAccuracy(states, features, labels, washout, trainRows, trainRows, labels.Length, lambda);
    }

    /// <summary>The same, scored on rows [<paramref name="from"/>, <paramref name="to"/>) (a validation window).</summary>
    public static double ReadoutAccuracy(double[] states, int features, double[] labels, int washout, int trainRows, int from, int to, double lambda)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(labels);
        var ridge = new RidgeRegression();
        ridge.Fit(states.AsSpan(washout * features, (trainRows - washout) * features), labels.AsSpan(washout, trainRows - washout), features, lambda);
        int correct = 0, total = to - from;
        for (int r = from; r < to; r++)
        {
            double p = ridge.Predict(states.AsSpan(r * features, features));
            correct += (p >= 0.5) == (labels[r] >= 0.5) ? 1 : 0;
        }
        return (double)correct / total;
    }
}

/// <summary>
/// The NARMA-10 benchmark (Atiya &amp; Parlos, IEEE Trans. Neural Netw. 11, 697 (2000)):
/// y(t+1) = 0.3 y(t) + 0.05 y(t) Σ_{i=0}^{9} y(t−i) + 1.5 u(t−9) u(t) + 0.1, u ~ U(0, 0.5).
/// </summary>
public static class Narma10
{
    /// <summary>Generates inputs u and targets y (y[t] is the value to predict from inputs up to t).</summary>
    public static (double[] Inputs, double[] Targets) Generate(int length, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var u = new double[length];
        var y = new double[length];
        for (int t = 0; t < length; t++)
        {
            u[t] = rng.Uniform(0, 0.5);
        }
        for (int t = 9; t < length - 1; t++)
        {
            double s = 0;
            for (int i = 0; i < 10; i++)
            {
                s += y[t - i];
            }
            y[t + 1] = (0.3 * y[t]) + (0.05 * y[t] * s) + (1.5 * u[t - 9] * u[t]) + 0.1;
        }
        var target = new double[length];
        for (int t = 0; t < length - 1; t++)
        {
            target[t] = y[t + 1];
        }
        return (u, target);
    }

    /// <summary>Normalised mean squared error of a ridge readout trained on rows [washout, trainRows) and tested on the rest.</summary>
    public static double ReadoutNmse(double[] states, int features, double[] targets, int washout, int trainRows, double lambda)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return ReadoutNmse(states, features, targets, washout, trainRows, trainRows, targets.Length - 1, lambda);
    }

    /// <summary>The same, scored on rows [<paramref name="from"/>, <paramref name="to"/>) (a validation window; the last row has no target).</summary>
    public static double ReadoutNmse(double[] states, int features, double[] targets, int washout, int trainRows, int from, int to, double lambda)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(targets);
        var ridge = new RidgeRegression();
        ridge.Fit(states.AsSpan(washout * features, (trainRows - washout) * features), targets.AsSpan(washout, trainRows - washout), features, lambda);
        double mean = 0;
        for (int r = from; r < to; r++)
        {
            mean += targets[r];
        }
        mean /= to - from;
        double se = 0, var = 0;
        for (int r = from; r < to; r++)
        {
            double e = ridge.Predict(states.AsSpan(r * features, features)) - targets[r];
            se += e * e;
            var += (targets[r] - mean) * (targets[r] - mean);
        }
        return se / var;
    }
}
