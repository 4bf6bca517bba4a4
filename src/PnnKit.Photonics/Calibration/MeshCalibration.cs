using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
using PnnKit.Photonics.Components;
using PnnKit.Photonics.Linear;
using PnnKit.Photonics.Meshes;

namespace PnnKit.Photonics.Calibration;

/// <summary>Settings of <see cref="MeshCalibration.Calibrate"/>.</summary>
public sealed record CalibrationOptions
{
    /// <summary>Phase settings probed: the nominal programming plus random ones (more settings separate coupler from phase errors).</summary>
    public int ProbeSettings { get; init; } = 3;

    /// <summary>Random input fields per setting, as a multiple of N.</summary>
    public int ProbesPerMode { get; init; } = 2;

    /// <summary>Adam iterations fitting the error model to the intensities.</summary>
    public int FitIterations { get; init; } = 300;

    /// <summary>Adam step for the fit, rad.</summary>
    public double FitLearningRate { get; init; } = 0.01;

    /// <summary>Adam iterations re-programming the phases through the fitted model.</summary>
    public int ProgramIterations { get; init; } = 200;

    /// <summary>Adam step for re-programming, rad.</summary>
    public double ProgramLearningRate { get; init; } = 0.005;

    /// <summary>
    /// Also fit the thermal-crosstalk fraction between neighbouring heaters (one scalar for the chip,
    /// as <see cref="MeshErrors.NeighbourCrosstalk"/> models it), so that re-programming pre-compensates
    /// the heat leaking from each heater to its neighbours. Off by default.
    /// </summary>
    public bool FitCrosstalk { get; init; }

    /// <summary>
    /// The heater layout and kernel shape of the chip's thermal crosstalk, known from its mask (null:
    /// fit the fixed neighbour fraction instead). With <see cref="FitCrosstalk"/> the twin carries this
    /// <see cref="ThermalCrosstalk"/> and fits its strength (as the nearest-neighbour coupling, the scale
    /// of the neighbour fraction), starting from no crosstalk.
    /// </summary>
    public ThermalCrosstalk? ThermalLayout { get; init; }

    /// <summary>
    /// Fit one field transmission shared by every MZI cell (uniform insertion loss) instead of dividing
    /// the measured intensities by the measured global transmission. Needed where paths cross different
    /// numbers of cells (the edge waveguides of a Clements mesh skip some columns). Off by default.
    /// </summary>
    public bool FitUniformLoss { get; init; }

    /// <summary>Adam step for the scalar twin parameters (crosstalk fraction, cell transmission).</summary>
    public double CrosstalkLearningRate { get; init; } = 0.003;

    /// <summary>Std of additive noise on every intensity reading (0: noiseless detectors).</summary>
    public double DetectorNoiseStd { get; init; }

    /// <summary>Seed of the probe inputs, random settings and noise.</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>What calibration achieved.</summary>
/// <param name="FidelityBefore">Fidelity (up to output phases) of the device programmed with the nominal decomposition.</param>
/// <param name="FidelityAfter">The same after re-programming through the fitted model.</param>
/// <param name="Estimated">Estimated coupler ratios, phase offsets and, when fitted, the crosstalk fraction and the cells' field transmission.</param>
/// <param name="FitResidual">Final mean squared intensity residual of the fit.</param>
/// <param name="Measurements">Intensity readings used.</param>
public sealed record CalibrationResult(double FidelityBefore, double FidelityAfter, MeshErrors Estimated, double FitResidual, long Measurements)
{
    /// <summary>Phase settings written to the device: every probe setting, then the calibrated phases.</summary>
    public int PhaseWrites { get; init; }

    /// <summary>Probe fields launched (each read on every output at once).</summary>
    public long ProbeInputs { get; init; }

    /// <summary>
    /// Device time the procedure spends, s: every write waits one settling time of the phase shifters
    /// (10 µs for thermo-optic heaters), every probe one symbol. The digital fit is not counted.
    /// </summary>
    public double DeviceSeconds(Costs.PhotonicCostModel costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        return (PhaseWrites * costs.HeaterSettlingSeconds) + (ProbeInputs / costs.SymbolRateHz);
    }
}

/// <summary>
/// Calibrates a fabricated mesh from output intensities only. (1) Program the nominal phases of the
/// target unitary; (2) send known random fields at several phase settings and read the output
/// intensities; (3) fit a digital twin's coupler splitting ratios and static phase offsets to those
/// intensities by gradient descent (the twin's exact adjoint gives the phase and coupler-angle
/// gradients); (4) optimize the commanded phases on the fitted twin until it realizes the target;
/// (5) program the device with them. Output phases are invisible to intensity detection, so the
/// figure reported is the fidelity up to an output phase screen. The device's true transfer matrix is
/// read only to report fidelity, never by the procedure. With <see cref="CalibrationOptions.FitCrosstalk"/>
/// the twin also has a neighbour thermal-crosstalk fraction, and with <see cref="CalibrationOptions.FitUniformLoss"/>
/// one field transmission for every cell, each fitted by central differences of the residual (two
/// extra twin forwards per scalar, setting and iteration); without the latter the measured intensities
/// are divided by the measured global transmission instead. The cell-to-cell spread of the loss and
/// DAC rounding are never in the twin; they limit what calibration can recover.
/// </summary>
public static class MeshCalibration
{
    /// <summary>Calibrates <paramref name="device"/> (a fabricated Clements or Reck mesh) to realize <paramref name="target"/>.</summary>
    public static CalibrationResult Calibrate(MziMesh<double> device, Complex[] target, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new CalibrationOptions();
        int n = device.Modes, mzis = device.MziCount;
        var nominal = device is ReckMesh<double> ? UnitaryDecomposition.Reck(target, n) : UnitaryDecomposition.Clements(target, n);
        nominal.ApplyTo(device);
        double before = ComplexMatrix.FidelityUpToOutputPhases(target, device.TransferMatrix(), n);

        // Probe: known inputs at several settings, intensities read at the outputs.
        var rng = new Rng(options.Seed);
        int k = options.ProbesPerMode * n;
        var settings = new List<MeshPhases> { nominal };
        for (int s = 1; s < options.ProbeSettings; s++)
        {
            settings.Add(new MeshPhases(Uniform(rng, mzis), Uniform(rng, mzis), Uniform(rng, n)));
        }
        var inputs = new List<Tensor<double>>();
        var measured = new List<double[]>();
        long readings = 0;
        foreach (var setting in settings)
        {
            var x = new Tensor<double>(k, 2, n);
            rng.FillNormal(x.Span, 0, Math.Sqrt(0.5 / n));
            setting.ApplyTo(device);
            var y = device.Forward(x, ForwardContext.Eval());
            var intensity = new double[k * n];
            for (int b = 0; b < k; b++)
            {
                for (int m = 0; m < n; m++)
                {
                    double re = y[b, m], im = y[b, n + m];
                    intensity[(b * n) + m] = (re * re) + (im * im) + (options.DetectorNoiseStd * rng.Normal());
                }
            }
            readings += (long)k * n;
            // Every path through a Clements or Reck mesh crosses the same cells, so the mean insertion
            // loss is one global transmission: estimate it from the total output power of the known
            // inputs and divide it out, leaving the lossless twin only the cell-to-cell spread to miss.
            double launched = 0;
            foreach (double v in x.Data)
            {
                launched += v * v;
            }
            double transmission = intensity.Sum() / launched;
            if (transmission > 0 && !options.FitUniformLoss)
            {
                for (int i = 0; i < intensity.Length; i++)
                {
                    intensity[i] /= transmission;
                }
            }
            inputs.Add(x);
            measured.Add(intensity);
        }

        // Fit the twin's errors: parameters [θ offsets, φ offsets, coupler-1 angles, coupler-2 angles].
        var thOff = new double[mzis];
        var phOff = new double[mzis];
        var r1 = Enumerable.Repeat(0.5, mzis).ToArray();
        var r2 = Enumerable.Repeat(0.5, mzis).ToArray();
        var errors = new MeshErrors { ThetaOffset = thOff, PhiOffset = phOff, Coupler1Ratio = r1, Coupler2Ratio = r2 };
        var twin = device.CopyWithErrors(errors);
        // Scalar twin parameters fitted by central differences: [crosstalk fraction, cell field transmission].
        const double step = 1e-5;
        // A thermal kernel's strength must stay ≥ 0, so its fit starts (and is held) just above zero.
        bool thermal = options.ThermalLayout is not null;
        var scalars = new[] { thermal ? 2 * step : 0.0, 1.0 - (2 * step) };
        var fitScalar = new[] { options.FitCrosstalk, options.FitUniformLoss };
        var scalarAdam = new VectorAdam(2, options.CrosstalkLearningRate);
        MeshErrors With(double crosstalk, double amplitude) => errors with
        {
            NeighbourCrosstalk = thermal ? 0 : crosstalk,
            ThermalCrosstalk = thermal ? options.ThermalLayout!.WithNearestCoupling(crosstalk) : null,
            MziAmplitude = options.FitUniformLoss ? Enumerable.Repeat(Math.Min(amplitude, 1), mzis).ToArray() : null,
        };
        var p = new double[4 * mzis];
        for (int i = 0; i < mzis; i++)
        {
            p[(2 * mzis) + i] = p[(3 * mzis) + i] = Math.PI / 4;
        }
        var adam = new VectorAdam(p.Length, options.FitLearningRate);
        var grad = new double[p.Length];
        var dA1 = new double[mzis];
        var dA2 = new double[mzis];
        double residual = 0;
        for (int it = 0; it < options.FitIterations; it++)
        {
            Array.Clear(grad);
            residual = 0;
            var dScalars = new double[2];
            var probes = new (MziMesh<double> Plus, MziMesh<double> Minus)?[2];
            if (options.FitCrosstalk || options.FitUniformLoss)
            {
                // The offset and coupler arrays are shared by reference, so these twins follow the fit.
                twin = device.CopyWithErrors(With(scalars[0], scalars[1]));
                for (int j = 0; j < 2; j++)
                {
                    if (fitScalar[j])
                    {
                        var up = (double[])scalars.Clone();
                        var down = (double[])scalars.Clone();
                        up[j] += step;
                        down[j] -= step;
                        probes[j] = (device.CopyWithErrors(With(up[0], up[1])), device.CopyWithErrors(With(down[0], down[1])));
                    }
                }
            }
            for (int s = 0; s < settings.Count; s++)
            {
                settings[s].ApplyTo(twin);
                twin.Theta.ZeroGrad();
                twin.Phi.ZeroGrad();
                Array.Clear(dA1);
                Array.Clear(dA2);
                var y = twin.Forward(inputs[s], ForwardContext.Eval());
                var g = Tensor<double>.ZerosLike(y);
                double scale = 1.0 / (k * n * settings.Count);
                for (int b = 0; b < k; b++)
                {
                    for (int m = 0; m < n; m++)
                    {
                        double re = y[b, m], im = y[b, n + m];
                        double r = (re * re) + (im * im) - measured[s][(b * n) + m];
                        residual += r * r * scale;
                        g[b, m] = 4 * r * re * scale;
                        g[b, n + m] = 4 * r * im * scale;
                    }
                }
                twin.BackwardWithCouplerGradients(g, dA1, dA2);
                foreach (var (j, probe) in probes.Index())
                {
                    if (probe is { } pm)
                    {
                        settings[s].ApplyTo(pm.Plus);
                        settings[s].ApplyTo(pm.Minus);
                        dScalars[j] += (Residual(pm.Plus, inputs[s], measured[s], scale) - Residual(pm.Minus, inputs[s], measured[s], scale)) / (2 * step);
                    }
                }
                for (int i = 0; i < mzis; i++)
                {
                    grad[i] += twin.Theta.Grad[i];
                    grad[mzis + i] += twin.Phi.Grad[i];
                    grad[(2 * mzis) + i] += dA1[i];
                    grad[(3 * mzis) + i] += dA2[i];
                }
            }
            adam.Step(p, grad);
            if (options.FitCrosstalk || options.FitUniformLoss)
            {
                scalarAdam.Step(scalars, dScalars);
                scalars[1] = Math.Min(scalars[1], 1 - step); // a passive cell transmits at most everything
                if (thermal)
                {
                    scalars[0] = Math.Max(scalars[0], step); // heat only adds phase
                }
            }
            for (int i = 0; i < mzis; i++)
            {
                thOff[i] = p[i];
                phOff[i] = p[mzis + i];
                r1[i] = Math.Pow(Math.Sin(p[(2 * mzis) + i]), 2);
                r2[i] = Math.Pow(Math.Sin(p[(3 * mzis) + i]), 2);
            }
        }

        // Re-program: optimize the commanded phases on the fitted twin towards the target.
        var fitted = new MeshErrors
        {
            ThetaOffset = [.. thOff],
            PhiOffset = [.. phOff],
            Coupler1Ratio = [.. r1],
            Coupler2Ratio = [.. r2],
            NeighbourCrosstalk = thermal ? 0 : scalars[0],
            ThermalCrosstalk = thermal ? options.ThermalLayout!.WithNearestCoupling(scalars[0]) : null,
            MziAmplitude = options.FitUniformLoss ? Enumerable.Repeat(scalars[1], mzis).ToArray() : null,
        };
        twin = device.CopyWithErrors(fitted);
        Precompensate(twin, nominal, fitted).ApplyTo(twin);
        var eye = new Tensor<double>(n, 2, n);
        for (int j = 0; j < n; j++)
        {
            eye[j, j] = 1;
        }
        var opt = new Adam<double>(twin.Parameters, learningRate: options.ProgramLearningRate);
        for (int it = 0; it < options.ProgramIterations; it++)
        {
            opt.ZeroGrad();
            var y = twin.Forward(eye, ForwardContext.Eval());
            var g = Tensor<double>.ZerosLike(y);
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < n; i++)
                {
                    // Row j of y is column j of U.
                    g[j, i] = 2 * (y[j, i] - target[(i * n) + j].Real);
                    g[j, n + i] = 2 * (y[j, n + i] - target[(i * n) + j].Imaginary);
                }
            }
            twin.Backward(g);
            opt.Step();
        }
        device.SetPhases(twin.Theta.Value.Data, twin.Phi.Value.Data, twin.OutputPhase.Value.Data);
        double after = ComplexMatrix.FidelityUpToOutputPhases(target, device.TransferMatrix(), n);
        return new CalibrationResult(before, after, fitted, residual, readings) { PhaseWrites = settings.Count + 1, ProbeInputs = (long)settings.Count * k };
    }

    /// <summary>
    /// Commanded phases c that realize the nominal ones on the fitted twin, before the optimizer refines
    /// them: c + K·wrap(c) + offset ≡ nominal (mod 2π), solved by fixed-point iteration
    /// c ← wrap(nominal − offset − K·wrap(c)); K is the fitted thermal kernel, whose row sums (≈ 2·3 %)
    /// are far below 1, so the map contracts. Without a thermal kernel the optimizer starts from the nominal
    /// phases as before (it absorbs the offsets itself).
    /// </summary>
    private static MeshPhases Precompensate(MziMesh<double> twin, MeshPhases nominal, MeshErrors fitted)
    {
        int m = twin.MziCount;
        if (fitted.ThermalCrosstalk is null)
        {
            return nominal;
        }
        var coupling = fitted.ThermalCrosstalk.Couple([.. Enumerable.Range(0, m).Select(twin.ColumnOf)], [.. Enumerable.Range(0, m).Select(twin.TopModeOf)]);
        double[] theta = [.. nominal.Theta], phi = [.. nominal.Phi];
        for (int it = 0; it < 30; it++)
        {
            double[] heatTheta = [.. theta], heatPhi = [.. phi];
            coupling.Apply(heatTheta, heatPhi, adjoint: false);
            for (int i = 0; i < m; i++)
            {
                theta[i] = ThermoOpticPhaseShifter.Wrap(nominal.Theta[i] - (fitted.ThetaOffset?[i] ?? 0) - (heatTheta[i] - theta[i]));
                phi[i] = ThermoOpticPhaseShifter.Wrap(nominal.Phi[i] - (fitted.PhiOffset?[i] ?? 0) - (heatPhi[i] - phi[i]));
            }
        }
        return new MeshPhases(theta, phi, nominal.OutputPhase);
    }

    // Mean squared intensity residual of a twin on one setting's probes, with the fit's scale.
    private static double Residual(MziMesh<double> twin, Tensor<double> x, double[] measured, double scale)
    {
        var y = twin.Forward(x, ForwardContext.Eval());
        int k = y.Dim(0), n = twin.Modes;
        double sum = 0;
        for (int b = 0; b < k; b++)
        {
            for (int m = 0; m < n; m++)
            {
                double re = y[b, m], im = y[b, n + m];
                double r = (re * re) + (im * im) - measured[(b * n) + m];
                sum += r * r * scale;
            }
        }
        return sum;
    }

    private static double[] Uniform(Rng rng, int n)
    {
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.Uniform(0, 2 * Math.PI);
        }
        return a;
    }

    // Adam on a plain vector (Kingma & Ba 2015), default β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    private sealed class VectorAdam(int n, double lr)
    {
        private readonly double[] _m = new double[n], _v = new double[n];
        private int _t;

        public void Step(double[] p, double[] g)
        {
            _t++;
            double c1 = 1 - Math.Pow(0.9, _t), c2 = 1 - Math.Pow(0.999, _t);
            for (int i = 0; i < p.Length; i++)
            {
                _m[i] = (0.9 * _m[i]) + (0.1 * g[i]);
                _v[i] = (0.999 * _v[i]) + (0.001 * g[i] * g[i]);
                p[i] -= lr * (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + 1e-8);
            }
        }
    }
}
