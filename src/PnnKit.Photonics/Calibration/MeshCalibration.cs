using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;
using PnnKit.Core.Training;
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

    /// <summary>Std of additive noise on every intensity reading (0: noiseless detectors).</summary>
    public double DetectorNoiseStd { get; init; }

    /// <summary>Seed of the probe inputs, random settings and noise.</summary>
    public ulong Seed { get; init; } = 1;
}

/// <summary>What calibration achieved.</summary>
/// <param name="FidelityBefore">Fidelity (up to output phases) of the device programmed with the nominal decomposition.</param>
/// <param name="FidelityAfter">The same after re-programming through the fitted model.</param>
/// <param name="Estimated">Estimated coupler ratios and phase offsets.</param>
/// <param name="FitResidual">Final mean squared intensity residual of the fit.</param>
/// <param name="Measurements">Intensity readings used.</param>
public sealed record CalibrationResult(double FidelityBefore, double FidelityAfter, MeshErrors Estimated, double FitResidual, long Measurements);

/// <summary>
/// Calibrates a fabricated mesh from output intensities only. (1) Program the nominal phases of the
/// target unitary; (2) send known random fields at several phase settings and read the output
/// intensities; (3) fit a digital twin's coupler splitting ratios and static phase offsets to those
/// intensities by gradient descent (the twin's exact adjoint gives the phase and coupler-angle
/// gradients); (4) optimize the commanded phases on the fitted twin until it realizes the target;
/// (5) program the device with them. Output phases are invisible to intensity detection, so the
/// figure reported is the fidelity up to an output phase screen. The device's true transfer matrix is
/// read only to report fidelity, never by the procedure. Insertion loss, crosstalk and DAC rounding
/// are not in the twin; they limit what calibration can recover.
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
                for (int i = 0; i < mzis; i++)
                {
                    grad[i] += twin.Theta.Grad[i];
                    grad[mzis + i] += twin.Phi.Grad[i];
                    grad[(2 * mzis) + i] += dA1[i];
                    grad[(3 * mzis) + i] += dA2[i];
                }
            }
            adam.Step(p, grad);
            for (int i = 0; i < mzis; i++)
            {
                thOff[i] = p[i];
                phOff[i] = p[mzis + i];
                r1[i] = Math.Pow(Math.Sin(p[(2 * mzis) + i]), 2);
                r2[i] = Math.Pow(Math.Sin(p[(3 * mzis) + i]), 2);
            }
        }

        // Re-program: optimize the commanded phases on the fitted twin towards the target.
        nominal.ApplyTo(twin);
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
        var estimated = new MeshErrors { ThetaOffset = [.. thOff], PhiOffset = [.. phOff], Coupler1Ratio = [.. r1], Coupler2Ratio = [.. r2] };
        return new CalibrationResult(before, after, estimated, residual, readings);
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
