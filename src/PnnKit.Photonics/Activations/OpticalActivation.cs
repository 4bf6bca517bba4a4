using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Activations;

/// <summary>
/// An element-wise optical nonlinearity whose complex gain depends on the local power:
/// y = h(p, m)·z with p = |z|² on mode m. Backward, in the Wirtinger planes of ILayer
/// (G = 2·∂L/∂ȳ): 2·∂L/∂z̄ = G·conj(h + h′·p) + conj(G)·h′·z², with h′ = ∂h/∂p.
/// Subclasses supply h and h′, and optionally per-mode parameters through <see cref="AddParameterGradients"/>.
/// </summary>
public abstract class OpticalActivation<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    /// <summary>An activation on <paramref name="modes"/> modes.</summary>
    protected OpticalActivation(string name, int modes)
    {
        if (modes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(modes), $"Need at least one mode; got {modes}.");
        }
        Name = name;
        Modes = modes;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Modes.</summary>
    public int Modes { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>The complex gain h and its derivative ∂h/∂p at power <paramref name="power"/> on mode <paramref name="mode"/>.</summary>
    protected abstract (Complex H, Complex DhDp) Gain(double power, int mode);

    /// <summary>Adds ∂L/∂(parameters) for one element, given z, the Wirtinger gradient G and the mode.</summary>
    protected virtual void AddParameterGradients(Complex z, Complex g, int mode)
    {
    }

    /// <summary>Called once per forward with the batch size (for cost charging).</summary>
    protected virtual void OnForward(ForwardContext ctx, int batch)
    {
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(ctx);
        ComplexTensor<T>.RequireField(x, Modes, Name);
        _x = x;
        int n = Modes;
        var y = Tensor<T>.ZerosLike(x);
        for (int b = 0; b < x.Dim(0); b++)
        {
            var src = x.Row(b);
            var dst = y.Row(b);
            for (int m = 0; m < n; m++)
            {
                var z = new Complex(double.CreateChecked(src[m]), double.CreateChecked(src[n + m]));
                var out_ = Gain((z.Real * z.Real) + (z.Imaginary * z.Imaginary), m).H * z;
                dst[m] = T.CreateChecked(out_.Real);
                dst[n + m] = T.CreateChecked(out_.Imaginary);
            }
        }
        OnForward(ctx, x.Dim(0));
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var x = _x ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        x.RequireSameShape(gradOutput, Name + " gradient");
        int n = Modes;
        var dx = Tensor<T>.ZerosLike(x);
        for (int b = 0; b < x.Dim(0); b++)
        {
            var src = x.Row(b);
            var gr = gradOutput.Row(b);
            var dst = dx.Row(b);
            for (int m = 0; m < n; m++)
            {
                var z = new Complex(double.CreateChecked(src[m]), double.CreateChecked(src[n + m]));
                var g = new Complex(double.CreateChecked(gr[m]), double.CreateChecked(gr[n + m]));
                double p = (z.Real * z.Real) + (z.Imaginary * z.Imaginary);
                var (h, dh) = Gain(p, m);
                var gz = (g * Complex.Conjugate(h + (dh * p))) + (Complex.Conjugate(g) * dh * z * z);
                dst[m] = T.CreateChecked(gz.Real);
                dst[n + m] = T.CreateChecked(gz.Imaginary);
                AddParameterGradients(z, g, m);
            }
        }
        return dx;
    }
}
