using System.Numerics;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Diffractive;

/// <summary>
/// A phase diffractive layer: every pixel multiplies the field by e^{iφ} (Lin et al., Science
/// 361, 1004 (2018)). With <see cref="Levels"/> &gt; 0 the applied phase is rounded to that many
/// fabrication levels in [0, 2π) (straight-through gradient). Printed in an absorbing <see cref="Resin"/>,
/// the pixel's height carries the phase and its absorption: t = A₀·e^{−γ·wrap(φ)}·e^{iφ} with γ = κ/(n − 1)
/// (<see cref="PrintingResin"/>). Fields are [batch, 2, n·n].
/// </summary>
public sealed class PhaseMask<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;
    private T[] _cos = [], _sin = [];
    private int[] _source = [];
    private T _gamma;

    /// <summary>An n×n mask; phases uniform in [0, 2π) from <paramref name="rng"/>, or zero.</summary>
    public PhaseMask(int n, Rng? rng = null, string name = "phase-mask")
    {
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"Need at least one pixel; got {n}.");
        }
        N = n;
        Name = name;
        Phase = new Parameter<T>("phase", new Tensor<T>(n * n));
        rng?.FillUniform(Phase.Value.Span, 0, 2 * Math.PI);
        Parameters = [Phase];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Grid side n.</summary>
    public int N { get; }

    /// <summary>Pixel phases, rad.</summary>
    public Parameter<T> Phase { get; }

    /// <summary>Fabrication phase levels (0: continuous).</summary>
    public int Levels { get; set; }

    /// <summary>The material the mask is printed in (null: a lossless phase-only mask).</summary>
    public PrintingResin? Resin { get; set; }

    /// <summary>Wavelength λ, m, at which <see cref="Resin"/>'s base plate is converted to an attenuation (Lin et al.: 0.75 mm).</summary>
    public double Wavelength { get; set; } = 0.75e-3;

    /// <summary>Lateral misalignment of the mask along x (columns), whole pixels; pixels shifted off the grid act as bare free space.</summary>
    public int ShiftX { get; set; }

    /// <summary>Lateral misalignment along y (rows), whole pixels.</summary>
    public int ShiftY { get; set; }

    /// <summary>
    /// When &gt; 0, every training forward draws a random misalignment uniform in
    /// [−k, k]² pixels (added to ShiftX/ShiftY), which trains misalignment-robust masks (Lin et al. 2018; Mengu et al., IEEE JSTQE 26, 3700114 (2020)).
    /// </summary>
    public int TrainingMisalignment { get; set; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        ArgumentNullException.ThrowIfNull(x);
        int nn = N * N;
        ComplexTensor<T>.RequireField(x, nn, Name);
        if (_cos.Length != nn)
        {
            _cos = new T[nn];
            _sin = new T[nn];
            _source = new int[nn];
        }
        Resin?.Validate();
        double gamma = Resin?.AttenuationPerRadian ?? 0, a0 = Resin?.BaseAmplitude(Wavelength) ?? 1;
        _gamma = T.CreateChecked(gamma);
        int sx = ShiftX, sy = ShiftY;
        if (TrainingMisalignment > 0 && ctx is not null && ctx.IsTraining)
        {
            var r = ctx.Rng.Split("misalign." + Name);
            sx += r.NextInt((2 * TrainingMisalignment) + 1) - TrainingMisalignment;
            sy += r.NextInt((2 * TrainingMisalignment) + 1) - TrainingMisalignment;
        }
        for (int i = 0; i < nn; i++)
        {
            int row = (i / N) - sy, col = (i % N) - sx;
            _source[i] = row >= 0 && row < N && col >= 0 && col < N ? (row * N) + col : -1;
            if (_source[i] < 0)
            {
                _cos[i] = T.One;
                _sin[i] = T.Zero;
                continue;
            }
            double p = double.CreateChecked(Phase.Value[_source[i]]);
            if (!double.IsFinite(p))
            {
                throw new InvalidOperationException($"{Name}: phase[{_source[i]}] is {p}; phases must be finite.");
            }
            if (Levels > 0)
            {
                double step = 2 * Math.PI / Levels;
                p = Math.Round(p / step) * step;
            }
            double a = Resin is null ? 1 : a0 * Math.Exp(-gamma * PrintingResin.Wrap(p));
            _cos[i] = T.CreateChecked(a * Math.Cos(p));
            _sin[i] = T.CreateChecked(a * Math.Sin(p));
        }
        var y = Tensor<T>.ZerosLike(x);
        for (int b = 0; b < x.Dim(0); b++)
        {
            var src = x.Row(b);
            var dst = y.Row(b);
            for (int i = 0; i < nn; i++)
            {
                T c = _cos[i], s = _sin[i];
                dst[i] = (c * src[i]) - (s * src[nn + i]);
                dst[nn + i] = (c * src[nn + i]) + (s * src[i]);
            }
        }
        _y = y;
        return y;
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var y = _y ?? throw new InvalidOperationException($"{Name}: Backward called without a preceding Forward.");
        y.RequireSameShape(gradOutput, Name + " gradient");
        int nn = N * N;
        var dx = Tensor<T>.ZerosLike(y);
        var gp = Phase.Grad.Span;
        for (int b = 0; b < y.Dim(0); b++)
        {
            var g = gradOutput.Row(b);
            var yr = y.Row(b);
            var d = dx.Row(b);
            for (int i = 0; i < nn; i++)
            {
                T c = _cos[i], s = _sin[i];
                // ∂y/∂φ = (i − γ)·y, so ∂L/∂φ = −Im(conj(g)·y) − γ·Re(conj(g)·y); input gradient conj(t)·g.
                if (_source[i] >= 0)
                {
                    gp[_source[i]] -= (g[i] * yr[nn + i]) - (g[nn + i] * yr[i]) + (_gamma * ((g[i] * yr[i]) + (g[nn + i] * yr[nn + i])));
                }
                d[i] = (c * g[i]) + (s * g[nn + i]);
                d[nn + i] = (c * g[nn + i]) - (s * g[i]);
            }
        }
        return dx;
    }
}
