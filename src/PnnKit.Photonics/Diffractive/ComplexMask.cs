using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Diffractive;

/// <summary>
/// A complex-modulation diffractive layer: every pixel multiplies the field by a·e^{iφ} with a
/// passive amplitude a = σ(s) ∈ (0, 1) (logistic of a trainable pre-activation s, so it can never
/// amplify) and a trainable phase φ (Lin et al., Science 361, 1004 (2018), complex-valued variant).
/// Fields are [batch, 2, n·n].
/// </summary>
public sealed class ComplexMask<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    /// <summary>An n×n mask; phases uniform from <paramref name="rng"/> (or zero), amplitudes σ(2) ≈ 0.88.</summary>
    public ComplexMask(int n, Rng? rng = null, string name = "complex-mask")
    {
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"Need at least one pixel; got {n}.");
        }
        N = n;
        Name = name;
        Phase = new Parameter<T>("phase", new Tensor<T>(n * n));
        AmplitudeLogit = new Parameter<T>("amplitude_logit", new Tensor<T>(n * n));
        rng?.FillUniform(Phase.Value.Span, 0, 2 * Math.PI);
        AmplitudeLogit.Value.Fill(T.CreateChecked(2.0));
        Parameters = [Phase, AmplitudeLogit];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Grid side n.</summary>
    public int N { get; }

    /// <summary>Pixel phases φ, rad.</summary>
    public Parameter<T> Phase { get; }

    /// <summary>Pre-activations s of the pixel amplitudes a = 1 / (1 + e^{−s}).</summary>
    public Parameter<T> AmplitudeLogit { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    private (double A, double C, double S) Pixel(int i)
    {
        double p = double.CreateChecked(Phase.Value[i]), s = double.CreateChecked(AmplitudeLogit.Value[i]);
        if (!double.IsFinite(p) || !double.IsFinite(s))
        {
            throw new InvalidOperationException($"{Name}: pixel {i} has phase {p}, amplitude logit {s}; both must be finite.");
        }
        return (1 / (1 + Math.Exp(-s)), Math.Cos(p), Math.Sin(p));
    }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        int nn = N * N;
        ComplexTensor<T>.RequireField(x, nn, Name);
        _x = x;
        var y = Tensor<T>.ZerosLike(x);
        for (int i = 0; i < nn; i++)
        {
            var (a, c, s) = Pixel(i);
            T tr = T.CreateChecked(a * c), ti = T.CreateChecked(a * s);
            for (int b = 0; b < x.Dim(0); b++)
            {
                int o = b * 2 * nn;
                T xr = x.Data[o + i], xi = x.Data[o + nn + i];
                y.Data[o + i] = (tr * xr) - (ti * xi);
                y.Data[o + nn + i] = (tr * xi) + (ti * xr);
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
        int nn = N * N;
        var dx = Tensor<T>.ZerosLike(x);
        for (int i = 0; i < nn; i++)
        {
            var (a, c, s) = Pixel(i);
            double dPhase = 0, dLogit = 0;
            for (int b = 0; b < x.Dim(0); b++)
            {
                int o = b * 2 * nn;
                double xr = double.CreateChecked(x.Data[o + i]), xi = double.CreateChecked(x.Data[o + nn + i]);
                double gr = double.CreateChecked(gradOutput.Data[o + i]), gi = double.CreateChecked(gradOutput.Data[o + nn + i]);
                // u = e^{iφ}·x; y = a·u. ∂L/∂φ = Re(conj(g)·i·y) = −Im(conj(g)·y); ∂L/∂a = Re(conj(g)·u).
                double ur = (c * xr) - (s * xi), ui = (c * xi) + (s * xr);
                dPhase -= a * ((gr * ui) - (gi * ur));
                dLogit += ((gr * ur) + (gi * ui)) * a * (1 - a);
                // Input gradient: conj(a·e^{iφ})·g.
                dx.Data[o + i] = T.CreateChecked(a * ((c * gr) + (s * gi)));
                dx.Data[o + nn + i] = T.CreateChecked(a * ((c * gi) - (s * gr)));
            }
            Phase.Grad[i] += T.CreateChecked(dPhase);
            AmplitudeLogit.Grad[i] += T.CreateChecked(dLogit);
        }
        return dx;
    }
}
