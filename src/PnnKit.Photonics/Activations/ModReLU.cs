using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Activations;

/// <summary>
/// modReLU (Arjovsky, Shah &amp; Bengio, ICML 2016): f(z) = ReLU(|z| + b)·z/|z| per mode, with a
/// trainable bias b per mode (initially <c>bias</c>): keeps the phase, thresholds the amplitude.
/// A mathematical activation for complex networks; it has no cost model of its own.
/// </summary>
public sealed class ModReLU<T> : OpticalActivation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>modReLU on <paramref name="modes"/> modes with initial bias <paramref name="bias"/>.</summary>
    public ModReLU(int modes, double bias = -0.1, string name = "modrelu") : base(name, modes)
    {
        Bias = new Parameter<T>("bias", new Tensor<T>(modes));
        Bias.Value.Fill(T.CreateChecked(bias));
    }

    /// <summary>Per-mode bias b.</summary>
    public Parameter<T> Bias { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Parameter<T>> Parameters => [Bias];

    /// <inheritdoc/>
    protected override (Complex H, Complex DhDp) Gain(double power, int mode)
    {
        double b = double.CreateChecked(Bias.Value[mode]);
        double r = Math.Sqrt(power);
        if (r == 0 || r + b <= 0)
        {
            return (Complex.Zero, Complex.Zero);
        }
        // h = 1 + b/√p; dh/dp = −b / (2·p^{3/2}).
        return (1 + (b / r), -b / (2 * power * r));
    }

    /// <inheritdoc/>
    protected override void AddParameterGradients(Complex z, Complex g, int mode)
    {
        double r = Complex.Abs(z), b = double.CreateChecked(Bias.Value[mode]);
        if (r > 0 && r + b > 0)
        {
            // ∂y/∂b = z/|z|; ∂L/∂b = Re(conj(G)·∂y/∂b).
            Bias.Grad[mode] += T.CreateChecked((Complex.Conjugate(g) * z / r).Real);
        }
    }
}
