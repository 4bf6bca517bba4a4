using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Meshes;

/// <summary>
/// One MZI per mode used as a variable attenuator: light enters the top port and leaves the top port,
/// the other output is dumped. With the <see cref="Components.MachZehnderInterferometer"/> convention
/// the transmission is t = i·e^{i(θ/2+φ)}·sin(θ/2) = (e^{i(θ+φ)} − e^{iφ})/2, so |t| ≤ 1 (passive);
/// <see cref="SetAmplitudes"/> picks θ = 2·asin(a) and φ = −π/2 − θ/2, which makes t = a real.
/// </summary>
public sealed class AttenuatorColumn<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    /// <summary>A column of <paramref name="modes"/> attenuators, fully transmitting (θ = π, φ = −π).</summary>
    public AttenuatorColumn(int modes, string name = "attenuators")
    {
        if (modes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), $"Need at least one mode; got {modes}.");
        }
        Modes = modes;
        Name = name;
        Theta = new Parameter<T>("theta", new Tensor<T>(modes));
        Phi = new Parameter<T>("phi", new Tensor<T>(modes));
        Parameters = [Theta, Phi];
        SetAmplitudes(Enumerable.Repeat(1.0, modes).ToArray());
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Number of modes.</summary>
    public int Modes { get; }

    /// <summary>Internal phases θ.</summary>
    public Parameter<T> Theta { get; }

    /// <summary>External phases φ.</summary>
    public Parameter<T> Phi { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Sets real, non-negative amplitude transmissions in [0, 1], one per mode.</summary>
    public void SetAmplitudes(ReadOnlySpan<double> amplitudes)
    {
        if (amplitudes.Length != Modes)
        {
            throw new ArgumentException($"amplitudes has {amplitudes.Length} entries; the column has {Modes} modes.", nameof(amplitudes));
        }
        for (int i = 0; i < Modes; i++)
        {
            double a = amplitudes[i];
            if (!(a >= 0 && a <= 1 + 1e-12))
            {
                throw new ArgumentException($"amplitudes[{i}] = {a}: a passive attenuator needs a value in [0, 1].", nameof(amplitudes));
            }
            double theta = 2 * Math.Asin(Math.Min(a, 1));
            Theta.Value[i] = T.CreateChecked(theta);
            Phi.Value[i] = T.CreateChecked((-Math.PI / 2) - (theta / 2));
        }
    }

    /// <summary>The complex transmission of mode <paramref name="mode"/>.</summary>
    public Complex Transmission(int mode)
    {
        double th = double.CreateChecked(Theta.Value[mode]), ph = double.CreateChecked(Phi.Value[mode]);
        return (Complex.FromPolarCoordinates(1, th + ph) - Complex.FromPolarCoordinates(1, ph)) / 2;
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ComplexTensor<T>.RequireField(x, Modes, Name);
        _x = x;
        var y = Tensor<T>.ZerosLike(x);
        int n = Modes;
        for (int m = 0; m < n; m++)
        {
            var t = Transmission(m);
            T tr = T.CreateChecked(t.Real), ti = T.CreateChecked(t.Imaginary);
            for (int b = 0; b < x.Dim(0); b++)
            {
                int o = b * 2 * n;
                T xr = x.Data[o + m], xi = x.Data[o + n + m];
                y.Data[o + m] = (tr * xr) - (ti * xi);
                y.Data[o + n + m] = (tr * xi) + (ti * xr);
            }
        }
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        x.RequireSameShape(gradOutput, Name + " gradient");
        var dx = Tensor<T>.ZerosLike(x);
        int n = Modes;
        for (int m = 0; m < n; m++)
        {
            var t = Transmission(m);
            double th = double.CreateChecked(Theta.Value[m]), ph = double.CreateChecked(Phi.Value[m]);
            var dtdTheta = Complex.ImaginaryOne * Complex.FromPolarCoordinates(0.5, th + ph);
            var dtdPhi = Complex.ImaginaryOne * t;
            double accT = 0, accP = 0;
            for (int b = 0; b < x.Dim(0); b++)
            {
                int o = b * 2 * n;
                var xv = new Complex(double.CreateChecked(x.Data[o + m]), double.CreateChecked(x.Data[o + n + m]));
                var g = new Complex(double.CreateChecked(gradOutput.Data[o + m]), double.CreateChecked(gradOutput.Data[o + n + m]));
                accT += (Complex.Conjugate(g) * dtdTheta * xv).Real;
                accP += (Complex.Conjugate(g) * dtdPhi * xv).Real;
                var gx = Complex.Conjugate(t) * g;
                dx.Data[o + m] = T.CreateChecked(gx.Real);
                dx.Data[o + n + m] = T.CreateChecked(gx.Imaginary);
            }
            Theta.Grad[m] += T.CreateChecked(accT);
            Phi.Grad[m] += T.CreateChecked(accP);
        }
        return dx;
    }
}
