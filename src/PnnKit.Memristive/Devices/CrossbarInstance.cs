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
    private readonly Dictionary<double, CrossbarState> _baseline = [];
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
    /// Stuck devices keep their conductance. Read noise draws are the same at every temperature.
    /// </remarks>
    public CrossbarState At(double ageSeconds, double temperatureKelvin = Core.Layers.ForwardContext.RoomTemperatureKelvin)
    {
        PcmNoiseModel.CheckAge(ageSeconds);
        PcmNoiseModel.CheckTemperature(temperatureKelvin);
        var noise = _design.Noise;
        // Read noise is sampled from a stream keyed by programming epoch and age, so the same age gives the same state.
        var rng = _rng.Split($"read/{_programmings}/{BitConverter.DoubleToInt64Bits(ageSeconds)}");
        int n = _gPlus.Length;
        var gp = new double[n];
        var gm = new double[n];
        for (int i = 0; i < n; i++)
        {
            gp[i] = Evolve(_faultPlus[i], _gPlus[i], _nuPlus[i], ageSeconds, temperatureKelvin, noise, rng);
            gm[i] = Evolve(_faultMinus[i], _gMinus[i], _nuMinus[i], ageSeconds, temperatureKelvin, noise, rng);
        }
        return new CrossbarState(_design.Inputs, _design.Outputs, _design.Mapping, ageSeconds, gp, gm) { TemperatureKelvin = temperatureKelvin };
    }

    /// <summary>
    /// The state at <paramref name="ageSeconds"/> with drift-compensation factors set: the reference read of
    /// <see cref="CrossbarState.ReferenceRead"/> at age 0 divided by the same read now (globally or per column).
    /// The age-0 read is taken right after programming at the reference temperature (300 K), so the factors undo a
    /// uniform conductance change with temperature as well as the mean drift; what they cannot undo is the spread of ν.
    /// </summary>
    public CrossbarState At(double ageSeconds, DriftCompensation compensation, double temperatureKelvin = Core.Layers.ForwardContext.RoomTemperatureKelvin)
    {
        var state = At(ageSeconds, temperatureKelvin);
        if (compensation == DriftCompensation.None)
        {
            return state;
        }
        var r0 = Baseline().ReferenceRead();
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

    private CrossbarState Baseline()
    {
        if (!_baseline.TryGetValue(_programmings, out var s))
        {
            s = At(0);
            _baseline[_programmings] = s;
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
        double programmed = _variation.ProgrammingNoise ? noise.SampleProgrammed(target, rng) : target;
        g[i] = programmed * gain[i];
        nu[i] = noise.SampleDriftExponent(target, rng);
        return 0;
    }
}
