using PnnKit.Core.Random;

namespace PnnKit.Memristive.Pulsed;

/// <summary>
/// A crossbar of pulsed devices trained in situ (Gokmen &amp; Vlasov, Front. Neurosci. 10, 333 (2016);
/// aihwkit's analog SGD). Each weight [output, input] is one device's state with its own sampled
/// step sizes and bounds. The SGD update ΔW = −η·δ·xᵀ is done in parallel by stochastic pulse trains:
/// in each of BL time slots, row i fires with probability C_x|x_i| and column j with probability
/// C_d|δ_j|; where both fire, device (j, i) gets one pulse in direction −sign(x_i δ_j). With
/// C_x·C_d = η/(BL·dw_min), the expected change is −η·x_i·δ_j to first order; C_x and C_d are
/// balanced so that C_x·max|x| = C_d·max|δ| (aihwkit's update management), and probabilities are capped at 1.
/// </summary>
public sealed class PulsedArray
{
    private readonly double[] _w, _dwUp, _dwDown, _wMax, _wMin;

    /// <summary>Fabricates an array of <paramref name="outputs"/> × <paramref name="inputs"/> devices at weight 0.</summary>
    public PulsedArray(int inputs, int outputs, PulsedDeviceConfig config, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (inputs <= 0 || outputs <= 0)
        {
            throw new ArgumentOutOfRangeException(inputs <= 0 ? nameof(inputs) : nameof(outputs), $"Array sizes must be ≥ 1, got {outputs}×{inputs}.");
        }
        config.Validate();
        Inputs = inputs;
        Outputs = outputs;
        Config = config;
        int n = inputs * outputs;
        _w = new double[n];
        _dwUp = new double[n];
        _dwDown = new double[n];
        _wMax = new double[n];
        _wMin = new double[n];
        var rng = new Rng(seed).Split("fabrication");
        for (int k = 0; k < n; k++)
        {
            double dw = config.DwMin * Math.Max(0, 1 + (config.DwMinDtod * rng.Normal()));
            double ud = config.UpDown + (config.UpDownDtod * rng.Normal());
            _dwUp[k] = dw * (1 + ud);
            _dwDown[k] = dw * (1 - ud);
            _wMax[k] = Math.Max(0, config.WMax * (1 + (config.WMaxDtod * rng.Normal())));
            _wMin[k] = Math.Min(0, config.WMin * (1 + (config.WMinDtod * rng.Normal())));
        }
    }

    /// <summary>Inputs (rows).</summary>
    public int Inputs { get; }

    /// <summary>Outputs (columns).</summary>
    public int Outputs { get; }

    /// <summary>Device statistics.</summary>
    public PulsedDeviceConfig Config { get; }

    /// <summary>Current weights [outputs, inputs] (the device states). Writable to set an initial state.</summary>
    public Span<double> Weights => _w;

    /// <summary>Pulses applied so far.</summary>
    public long PulseCount { get; private set; }

    /// <summary>
    /// Programs the devices to <paramref name="weights"/> [outputs, inputs] (ex-situ transfer, as in hybrid
    /// training), each clipped to its own bounds, with optional Gaussian write noise of std
    /// <paramref name="writeNoiseStd"/> (weight units). Returns how many weights fell outside their device's range.
    /// </summary>
    public int Transfer(ReadOnlySpan<double> weights, double writeNoiseStd = 0, Rng? rng = null)
    {
        if (weights.Length != _w.Length)
        {
            throw new ArgumentException($"weights must hold {Outputs} × {Inputs} values, got {weights.Length}.", nameof(weights));
        }
        if (!(writeNoiseStd >= 0) || !double.IsFinite(writeNoiseStd))
        {
            throw new ArgumentOutOfRangeException(nameof(writeNoiseStd), $"writeNoiseStd must be finite and ≥ 0, got {writeNoiseStd}.");
        }
        if (writeNoiseStd > 0 && rng is null)
        {
            throw new ArgumentNullException(nameof(rng), "Write noise needs a random stream.");
        }
        int clipped = 0;
        for (int k = 0; k < _w.Length; k++)
        {
            double w = weights[k] + (writeNoiseStd > 0 ? writeNoiseStd * rng!.Normal() : 0);
            if (w > _wMax[k] || w < _wMin[k])
            {
                clipped++;
            }
            _w[k] = Math.Clamp(w, _wMin[k], _wMax[k]);
        }
        return clipped;
    }

    /// <summary>Up step size of device k (at weight 0 for non-constant models).</summary>
    public double StepUp(int k) => _dwUp[k];

    /// <summary>Down step size of device k.</summary>
    public double StepDown(int k) => _dwDown[k];

    /// <summary>Upper bound of device k.</summary>
    public double UpperBound(int k) => _wMax[k];

    /// <summary>Lower bound of device k.</summary>
    public double LowerBound(int k) => _wMin[k];

    /// <summary>The deterministic (noise-free) change one pulse makes on device k at its current weight.</summary>
    public double ExpectedStep(int k, bool up)
    {
        var c = Config;
        double w = _w[k], wMax = _wMax[k], wMin = _wMin[k];
        double dw = up ? _dwUp[k] : _dwDown[k];
        double scale = c.Model switch
        {
            StepModel.ConstantStep => 1,
            StepModel.LinearStep => up ? 1 - (c.GammaUp * w / c.WMax) : 1 - (c.GammaDown * w / c.WMin),
            StepModel.SoftBounds => up ? (wMax > 0 ? 1 - (w / wMax) : 0) : (wMin < 0 ? 1 - (w / wMin) : 0),
            StepModel.ExpStep => ExpScale(w, wMax, wMin, up),
            _ => throw new InvalidOperationException($"Unknown step model {c.Model}."),
        };
        return (up ? 1 : -1) * dw * Math.Max(scale, 0);
    }

    /// <summary>Applies one pulse to device k (cycle-to-cycle noise from <paramref name="rng"/>), clipped to its bounds.</summary>
    public void Pulse(int k, bool up, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        double step = ExpectedStep(k, up);
        if (Config.DwMinStd > 0)
        {
            step += Config.DwMinStd * Config.DwMin * rng.Normal();
        }
        _w[k] = Math.Clamp(_w[k] + step, _wMin[k], _wMax[k]);
        PulseCount++;
    }

    /// <summary>
    /// One in-situ SGD update for input <paramref name="x"/> [Inputs] and error <paramref name="delta"/> [Outputs]
    /// with learning rate <paramref name="learningRate"/>; returns the number of pulses applied.
    /// </summary>
    public long Update(ReadOnlySpan<double> x, ReadOnlySpan<double> delta, double learningRate, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (x.Length != Inputs || delta.Length != Outputs)
        {
            throw new ArgumentException($"Array is {Outputs}×{Inputs}; got x of {x.Length} and delta of {delta.Length}.");
        }
        if (!(learningRate > 0) || !double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), $"learningRate must be finite and > 0, got {learningRate}.");
        }
        double xMax = 0, dMax = 0;
        foreach (double v in x)
        {
            xMax = Math.Max(xMax, Math.Abs(v));
        }
        foreach (double v in delta)
        {
            dMax = Math.Max(dMax, Math.Abs(v));
        }
        if (xMax == 0 || dMax == 0)
        {
            return 0;
        }
        int bl = Config.PulseLength;
        double k = learningRate / (bl * Config.DwMin);
        double cx = Math.Sqrt(k * dMax / xMax), cd = Math.Sqrt(k * xMax / dMax);
        var px = new double[Inputs];
        var pd = new double[Outputs];
        for (int i = 0; i < Inputs; i++)
        {
            px[i] = Math.Min(1, cx * Math.Abs(x[i]));
        }
        for (int j = 0; j < Outputs; j++)
        {
            pd[j] = Math.Min(1, cd * Math.Abs(delta[j]));
        }
        var rows = new List<int>(Inputs);
        var cols = new List<int>(Outputs);
        long before = PulseCount;
        for (int t = 0; t < bl; t++)
        {
            rows.Clear();
            cols.Clear();
            for (int i = 0; i < Inputs; i++)
            {
                if (px[i] > 0 && rng.NextDouble() < px[i])
                {
                    rows.Add(i);
                }
            }
            for (int j = 0; j < Outputs; j++)
            {
                if (pd[j] > 0 && rng.NextDouble() < pd[j])
                {
                    cols.Add(j);
                }
            }
            foreach (int j in cols)
            {
                foreach (int i in rows)
                {
                    bool up = (x[i] > 0) != (delta[j] > 0); // −sign(x·δ) > 0
                    Pulse((j * Inputs) + i, up, rng);
                }
            }
        }
        return PulseCount - before;
    }

    private double ExpScale(double w, double wMax, double wMin, bool up)
    {
        var c = Config;
        double range = wMax - wMin;
        double z = range > 0 ? (2 * c.ExpA * w / range) + c.ExpB : c.ExpB;
        return up ? 1 - (c.ExpAUp * Math.Exp(c.ExpGammaUp * z)) : 1 - (c.ExpADown * Math.Exp(-c.ExpGammaDown * z));
    }
}
