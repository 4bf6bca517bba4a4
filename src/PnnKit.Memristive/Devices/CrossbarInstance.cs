using PnnKit.Core.Physical;
using PnnKit.Core.Random;

namespace PnnKit.Memristive.Devices;

/// <summary>
/// One fabricated and programmed crossbar (DESIGN.md §4): per-device static faults and spread,
/// programmed conductances (with programming noise), drift exponents ν, and programming-cycle
/// counts for endurance. <see cref="At"/> gives its state after drift and accumulated read noise.
/// </summary>
public sealed class CrossbarInstance : IInstance<CrossbarState>
{
    private readonly CrossbarDesign _design;
    private readonly DeviceVariation _variation;
    private readonly Rng _rng;
    private readonly DeviceFault[] _faultPlus, _faultMinus;
    private readonly double[] _gainPlus, _gainMinus;
    private readonly double[] _gPlus, _gMinus, _nuPlus, _nuMinus, _targetPlus, _targetMinus;
    private readonly long[] _cyclesPlus, _cyclesMinus;
    private readonly Dictionary<(int Programming, bool Frozen), CrossbarState> _baseline = [];
    private int _programmings;

    internal CrossbarInstance(CrossbarDesign design, DeviceVariation variation, Rng rng)
    {
        _design = design;
        _variation = variation;
        _rng = rng;
        int n = design.Inputs * design.Outputs;
        _faultPlus = new DeviceFault[n];
        _faultMinus = new DeviceFault[n];
        _gainPlus = new double[n];
        _gainMinus = new double[n];
        var fab = rng.Split("fabrication");
        for (int i = 0; i < n; i++)
        {
            _faultPlus[i] = SampleFault(fab);
            _faultMinus[i] = SampleFault(fab);
            _gainPlus[i] = Math.Max(0, 1 + (variation.ConductanceSpread * fab.Normal()));
            _gainMinus[i] = Math.Max(0, 1 + (variation.ConductanceSpread * fab.Normal()));
        }
        _gPlus = new double[n];
        _gMinus = new double[n];
        _nuPlus = new double[n];
        _nuMinus = new double[n];
        _targetPlus = new double[n];
        _targetMinus = new double[n];
        _cyclesPlus = new long[n];
        _cyclesMinus = new long[n];
        Program(design.TargetGPlus, design.TargetGMinus, force: true);
    }

    /// <summary>The design this copy was made from.</summary>
    public CrossbarDesign Design => _design;

    /// <summary>Devices with a stuck-ON or stuck-OFF fault (both devices of every pair counted).</summary>
    public int FaultyDevices => _faultPlus.Count(f => f != DeviceFault.None) + _faultMinus.Count(f => f != DeviceFault.None);

    /// <summary>Devices that have reached their endurance and no longer switch.</summary>
    public int WornOutDevices => _cyclesPlus.Count(c => c >= _variation.EnduranceCycles) + _cyclesMinus.Count(c => c >= _variation.EnduranceCycles);

    /// <summary>Conductances right after the last programming, S ([outputs, inputs]).</summary>
    public ReadOnlySpan<double> ProgrammedGPlus => _gPlus;

    /// <summary>Conductances right after the last programming, S ([outputs, inputs]).</summary>
    public ReadOnlySpan<double> ProgrammedGMinus => _gMinus;

    /// <summary>Number of programmings so far (changes on every <see cref="Reprogram"/>; caches key on it).</summary>
    public int Version => _programmings;

    /// <summary>Drift exponents of the positive devices.</summary>
    public ReadOnlySpan<double> DriftExponentsPlus => _nuPlus;

    /// <summary>
    /// Reprograms the array to new weights [outputs, inputs] (clock restarts at age 0). Each device whose target
    /// changes uses one cycle; a device past its endurance keeps its old conductance. Returns how many devices failed to switch.
    /// </summary>
    public int Reprogram(ReadOnlySpan<double> weights)
    {
        var gp = new double[weights.Length];
        var gm = new double[weights.Length];
        if (weights.Length != _gPlus.Length)
        {
            throw new ArgumentException($"weights must hold {_design.Outputs} × {_design.Inputs} values, got {weights.Length}.", nameof(weights));
        }
        _design.Mapping.ToConductances(weights, gp, gm, "weights");
        return Program(gp, gm, force: false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The array has been held at <paramref name="temperatureKelvin"/> since programming and is read there: conductances
    /// follow <see cref="PcmNoiseModel.Drift(double, double, double, double)"/> (hotter conducts more and drifts faster).
    /// Stuck devices keep their conductance. The read noise is one frozen snapshot: the same age gives the same draws, at
    /// every temperature. For a fresh draw on every read, read <see cref="Drifted"/> and draw from its σ per read.
    /// </remarks>
    public CrossbarState At(double ageSeconds, double temperatureKelvin = Core.Layers.ForwardContext.RoomTemperatureKelvin) =>
        State(ageSeconds, temperatureKelvin, frozenReadNoise: true);

    /// <summary>
    /// The state at <paramref name="ageSeconds"/> with drift-compensation factors set: the reference read of
    /// <see cref="CrossbarState.ReferenceRead"/> at age 0 divided by the same read now (globally or per column).
    /// The age-0 read is taken right after programming at the reference temperature (300 K), so the factors undo a
    /// uniform conductance change with temperature as well as the mean drift; what they cannot undo is the spread of ν.
    /// </summary>
    public CrossbarState At(double ageSeconds, DriftCompensation compensation, double temperatureKelvin = Core.Layers.ForwardContext.RoomTemperatureKelvin) =>
        Compensated(State(ageSeconds, temperatureKelvin, frozenReadNoise: true), compensation, frozenReadNoise: true);

    /// <summary>
    /// The drifted state without read noise in its conductances, carrying each device's read-noise σ instead
    /// (<see cref="CrossbarState.ReadSigmaPlus"/>: |G(t)|·σ_r of <see cref="PcmNoiseModel.ReadNoiseRelativeSigma"/>, 0 for stuck
    /// devices), for a reader that draws the noise afresh on every read (PCM 1/f noise is a fluctuation, not a fixed offset:
    /// Nandakumar et al., ICECS 2019; Joshi et al. 2020). Compensation factors come from noise-free reference reads (a reference
    /// read sums a whole column, which averages its read noise).
    /// </summary>
    public CrossbarState Drifted(double ageSeconds, DriftCompensation compensation = DriftCompensation.None, double temperatureKelvin = Core.Layers.ForwardContext.RoomTemperatureKelvin) =>
        Compensated(State(ageSeconds, temperatureKelvin, frozenReadNoise: false), compensation, frozenReadNoise: false);

    private CrossbarState State(double ageSeconds, double temperatureKelvin, bool frozenReadNoise)
    {
        PcmNoiseModel.CheckAge(ageSeconds);
        PcmNoiseModel.CheckTemperature(temperatureKelvin);
        var noise = _design.Noise;
        // Frozen read noise is sampled from a stream keyed by programming epoch and age, so the same age gives the same state.
        var rng = _rng.Split($"read/{_programmings}/{BitConverter.DoubleToInt64Bits(ageSeconds)}");
        int n = _gPlus.Length;
        var gp = new double[n];
        var gm = new double[n];
        double[]? sp = frozenReadNoise ? null : new double[n], sm = frozenReadNoise ? null : new double[n];
        for (int i = 0; i < n; i++)
        {
            if (frozenReadNoise)
            {
                gp[i] = Evolve(_faultPlus[i], _gPlus[i], _nuPlus[i], ageSeconds, temperatureKelvin, noise, rng);
                gm[i] = Evolve(_faultMinus[i], _gMinus[i], _nuMinus[i], ageSeconds, temperatureKelvin, noise, rng);
                continue;
            }
            (gp[i], sp![i]) = DriftOnly(_faultPlus[i], _gPlus[i], _nuPlus[i], ageSeconds, temperatureKelvin, noise);
            (gm[i], sm![i]) = DriftOnly(_faultMinus[i], _gMinus[i], _nuMinus[i], ageSeconds, temperatureKelvin, noise);
        }
        return new CrossbarState(_design.Inputs, _design.Outputs, _design.Mapping, ageSeconds, gp, gm) { TemperatureKelvin = temperatureKelvin, ReadSigmaPlus = sp, ReadSigmaMinus = sm };
    }

    private CrossbarState Compensated(CrossbarState state, DriftCompensation compensation, bool frozenReadNoise)
    {
        if (compensation == DriftCompensation.None)
        {
            return state;
        }
        var r0 = Baseline(frozenReadNoise).ReferenceRead();
        var rt = state.ReferenceRead();
        var f = new double[state.Outputs];
        if (compensation == DriftCompensation.Global)
        {
            double a = rt.Sum() > 0 ? r0.Sum() / rt.Sum() : 1;
            Array.Fill(f, a);
        }
        else
        {
            for (int j = 0; j < f.Length; j++)
            {
                f[j] = rt[j] > 0 ? r0[j] / rt[j] : 1;
            }
        }
        state.CompensationFactors = f;
        state.CompensationMode = compensation;
        return state;
    }

    private static (double G, double Sigma) DriftOnly(DeviceFault fault, double g, double nu, double age, double kelvin, PcmNoiseModel noise)
    {
        if (fault is DeviceFault.StuckOn or DeviceFault.StuckOff)
        {
            return (g, 0);
        }
        double drifted = noise.Drift(g, nu, age, kelvin);
        return (drifted, Math.Abs(drifted) * noise.ReadNoiseRelativeSigma(g, age));
    }

    private CrossbarState Baseline(bool frozenReadNoise)
    {
        if (!_baseline.TryGetValue((_programmings, frozenReadNoise), out var s))
        {
            s = State(0, Core.Layers.ForwardContext.RoomTemperatureKelvin, frozenReadNoise);
            _baseline[(_programmings, frozenReadNoise)] = s;
        }
        return s;
    }

    private static double Evolve(DeviceFault fault, double g, double nu, double age, double kelvin, PcmNoiseModel noise, Rng rng) => fault switch
    {
        DeviceFault.StuckOn or DeviceFault.StuckOff => g,
        _ => noise.SampleAt(g, nu, age, rng, kelvin),
    };

    private DeviceFault SampleFault(Rng rng)
    {
        double u = rng.NextDouble();
        return u < _variation.StuckOnRate ? DeviceFault.StuckOn
            : u < _variation.StuckOnRate + _variation.StuckOffRate ? DeviceFault.StuckOff
            : DeviceFault.None;
    }

    private int Program(double[] targetPlus, double[] targetMinus, bool force)
    {
        var rng = _rng.Split($"program/{_programmings}");
        _programmings++;
        _baseline.Clear();
        int failed = 0;
        for (int i = 0; i < _gPlus.Length; i++)
        {
            failed += ProgramDevice(i, targetPlus[i], force, _faultPlus, _gainPlus, _gPlus, _nuPlus, _targetPlus, _cyclesPlus, rng);
            failed += ProgramDevice(i, targetMinus[i], force, _faultMinus, _gainMinus, _gMinus, _nuMinus, _targetMinus, _cyclesMinus, rng);
        }
        return failed;
    }

    private int ProgramDevice(int i, double target, bool force, DeviceFault[] faults, double[] gain, double[] g, double[] nu, double[] targets, long[] cycles, Rng rng)
    {
        var noise = _design.Noise;
        double gMax = _design.Mapping.GMax;
        switch (faults[i])
        {
            case DeviceFault.StuckOn:
                g[i] = gMax;
                nu[i] = 0;
                return 0;
            case DeviceFault.StuckOff:
                g[i] = 0;
                nu[i] = 0;
                return 0;
        }
        if (!force && target == targets[i])
        {
            return 0;
        }
        if (cycles[i] >= _variation.EnduranceCycles)
        {
            return 1;
        }
        cycles[i]++;
        targets[i] = target;
        if (_variation.WriteVerifyTolerance > 0)
        {
            // The device's spread acts on every write; verify rewrites the remaining error until it is inside the band.
            double verified = Verify(target, gain[i], _variation.WriteVerifyTolerance * gMax, out int writes);
            cycles[i] += writes - 1;
            g[i] = _variation.ProgrammingNoise ? Math.Max(0, verified + (noise.ProgrammingSigma(target) * rng.Normal())) : verified;
        }
        else
        {
            double programmed = _variation.ProgrammingNoise ? noise.SampleProgrammed(target, rng) : target;
            g[i] = programmed * gain[i];
        }
        nu[i] = noise.SampleDriftExponent(target, rng);
        return 0;
    }

    // Write-and-verify from 0 S: each write moves G by gain·(target − G); stop inside ±tolerance or after the budget.
    private double Verify(double target, double gain, double tolerance, out int writes)
    {
        double g = 0;
        writes = 0;
        do
        {
            g = Math.Max(0, g + (gain * (target - g)));
            writes++;
        }
        while (Math.Abs(g - target) > tolerance && writes < _variation.MaxWriteVerifyIterations);
        return g;
    }
}
