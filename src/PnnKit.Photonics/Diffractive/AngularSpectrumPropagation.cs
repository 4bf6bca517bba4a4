using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using PnnKit.Core.Layers;
using PnnKit.Core.Signals;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Diffractive;

/// <summary>
/// Free-space propagation of a scalar field sampled on an n×n grid over a distance z by the
/// band-limited angular-spectrum method (Matsushima &amp; Shimobaba, Opt. Express 17, 19662 (2009)):
/// zero-pad to M×M (M a power of two ≥ 2n, so the circular convolution of the FFT does not wrap),
/// multiply the spectrum by H = exp(i·2πz·√(1/λ² − fx² − fy²)), drop evanescent waves and
/// frequencies beyond the band limit f_lim = 1/(λ·√((2·z/(M·dx))² + 1)) (which would alias), and crop.
/// Fields are [batch, 2, n·n] (row-major grid in each plane). The adjoint uses conj(H).
/// The 2-D FFT runs as column passes (SIMD across columns) with a transpose between them, so the
/// spectrum is held transposed; the passes skip the zero padding on the way in and the cropped part
/// on the way out. Samples of a batch run in parallel on up to <see cref="Gemm.MaxThreads"/> threads.
/// </summary>
public sealed class AngularSpectrumPropagation<T> : ILayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Fft<T> _fft;
    private readonly T[] _hRe, _hIm;
    private readonly ConcurrentBag<Workspace> _workspaces = [];
    private int _batch = -1;

    /// <summary>
    /// Propagation over <paramref name="distance"/> (m) of an n×n grid of pitch <paramref name="pitch"/> (m)
    /// at wavelength <paramref name="wavelength"/> (m), padded by <paramref name="padding"/> (M ≥ padding·n, rounded up to a power of two).
    /// </summary>
    public AngularSpectrumPropagation(int n, double pitch, double wavelength, double distance, double padding = 2.0, string name = "free-space")
    {
        if (n < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"The grid needs at least 2×2 samples; got {n}.");
        }
        if (!(pitch > 0) || !double.IsFinite(pitch))
        {
            throw new ArgumentOutOfRangeException(nameof(pitch), $"The pitch must be finite and > 0 m; got {pitch}.");
        }
        if (!(wavelength > 0) || !double.IsFinite(wavelength))
        {
            throw new ArgumentOutOfRangeException(nameof(wavelength), $"The wavelength must be finite and > 0 m; got {wavelength}.");
        }
        if (!(distance >= 0) || !double.IsFinite(distance))
        {
            throw new ArgumentOutOfRangeException(nameof(distance), $"The distance must be finite and ≥ 0 m; got {distance}.");
        }
        if (!(padding >= 2))
        {
            throw new ArgumentOutOfRangeException(nameof(padding), $"Padding below 2 lets the FFT's circular convolution wrap light around the edges; got {padding}.");
        }
        N = n;
        Pitch = pitch;
        Wavelength = wavelength;
        Distance = distance;
        Name = name;
        int m = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Ceiling(padding * n));
        PaddedSize = m;
        double df = 1 / (m * pitch);
        BandLimit = 1 / (wavelength * Math.Sqrt(Math.Pow(2 * df * distance, 2) + 1));
        double nyquist = 1 / (2 * pitch);
        // If the band limit keeps less than half the grid's bandwidth, the result is accurate only for
        // fields with no detail finer than that: refuse and say how much padding would fix it.
        if (BandLimit < 0.5 * nyquist)
        {
            double ratio = 4 * pitch / wavelength;
            string fix = ratio > 1
                ? $"increase padding to at least {Math.Ceiling(2 * distance / (pitch * Math.Sqrt((ratio * ratio) - 1)) / n)} (M ≥ 2z / (dx·√((4dx/λ)² − 1)))"
                : "reduce the pitch";
            throw new ArgumentException(
                $"{name}: propagating {distance} m with pitch {pitch} m on a {m}×{m} padded grid would alias; the band limit {BandLimit:E3} 1/m keeps under half of the Nyquist frequency {nyquist:E3} 1/m. To fix it, {fix}.",
                nameof(distance));
        }
        _fft = new Fft<T>(m);
        _hRe = new T[m * m];
        _hIm = new T[m * m];
        double inv2 = 1 / (wavelength * wavelength);
        for (int r = 0; r < m; r++)
        {
            double fy = (r < m / 2 ? r : r - m) * df;
            for (int c = 0; c < m; c++)
            {
                double fx = (c < m / 2 ? c : c - m) * df;
                double arg = inv2 - (fx * fx) - (fy * fy);
                if (arg <= 0 || Math.Abs(fx) > BandLimit || Math.Abs(fy) > BandLimit)
                {
                    continue;
                }
                // Stored transposed (row: fx) as the FFT leaves the spectrum, with the inverse's 1/M² folded in.
                double phase = 2 * Math.PI * distance * Math.Sqrt(arg), scale = 1.0 / ((double)m * m);
                _hRe[(c * m) + r] = T.CreateChecked(scale * Math.Cos(phase));
                _hIm[(c * m) + r] = T.CreateChecked(scale * Math.Sin(phase));
            }
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Grid side n.</summary>
    public int N { get; }

    /// <summary>Sampling pitch dx, m.</summary>
    public double Pitch { get; }

    /// <summary>Wavelength λ, m.</summary>
    public double Wavelength { get; }

    /// <summary>Propagation distance z, m.</summary>
    public double Distance { get; }

    /// <summary>Padded FFT size M.</summary>
    public int PaddedSize { get; }

    /// <summary>Band limit f_lim, 1/m.</summary>
    public double BandLimit { get; }

    /// <inheritdoc/>
    public Domain InputDomain => Domain.Optical;

    /// <inheritdoc/>
    public Domain OutputDomain => Domain.Optical;

    /// <inheritdoc/>
    public IReadOnlyList<Parameter<T>> Parameters => [];

    /// <inheritdoc/>
    public Tensor<T> Forward(Tensor<T> x, ForwardContext ctx)
    {
        Check(x, "input");
        _batch = x.Dim(0);
        return Apply(x, adjoint: false);
    }

    /// <inheritdoc/>
    public Tensor<T> Backward(Tensor<T> gradOutput)
    {
        Check(gradOutput, "gradient");
        if (gradOutput.Dim(0) != _batch)
        {
            throw new ArgumentException($"{Name}: gradient batch {gradOutput.Dim(0)} differs from the forward batch {_batch}.", nameof(gradOutput));
        }
        return Apply(gradOutput, adjoint: true);
    }

    private void Check(Tensor<T> x, string what)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 3 || x.Dim(1) != 2 || x.Dim(2) != N * N)
        {
            throw new ArgumentException($"{Name}: {what} must be a field [batch, 2, {N * N}] ({N}×{N} grid); got [{string.Join(", ", x.Shape.ToArray())}].", nameof(x));
        }
    }

    private Tensor<T> Apply(Tensor<T> x, bool adjoint)
    {
        int batch = x.Dim(0);
        var y = new Tensor<T>(batch, 2, N * N);
        int threads = Math.Min(batch, Gemm.MaxThreads);
        if (threads <= 1)
        {
            var w = Rent();
            for (int b = 0; b < batch; b++)
            {
                Propagate(x.Row(b), y.Row(b), w, adjoint);
            }
            _workspaces.Add(w);
            return y;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, batch, options, Rent, (b, _, w) =>
        {
            Propagate(x.Row(b), y.Row(b), w, adjoint);
            return w;
        }, _workspaces.Add);
        return y;
    }

    private Workspace Rent() => _workspaces.TryTake(out var w) ? w : new Workspace(PaddedSize);

    // One sample: pad into a (rows y, columns x), FFT along y on the occupied columns, transpose into
    // b (rows x), FFT along x, multiply by Hᵀ, inverse along x, transpose the kept rows back into a,
    // inverse along y on the kept columns, crop.
    private void Propagate(ReadOnlySpan<T> src, Span<T> dst, Workspace w, bool adjoint)
    {
        int m = PaddedSize, n = N, nn = n * n, off = (m - n) / 2;
        T[] aRe = w.ARe, aIm = w.AIm, bRe = w.BRe, bIm = w.BIm;
        Array.Clear(aRe);
        Array.Clear(aIm);
        for (int r = 0; r < n; r++)
        {
            src.Slice(r * n, n).CopyTo(aRe.AsSpan(((r + off) * m) + off, n));
            src.Slice(nn + (r * n), n).CopyTo(aIm.AsSpan(((r + off) * m) + off, n));
        }
        _fft.TransformColumns(aRe, aIm, off, n, inverse: false);
        Array.Clear(bRe);
        Array.Clear(bIm);
        Fft<T>.Transpose(aRe, bRe, m, 0, m, off, n);
        Fft<T>.Transpose(aIm, bIm, m, 0, m, off, n);
        _fft.TransformColumns(bRe, bIm, 0, m, inverse: false);
        MultiplySpectrum(bRe, bIm, adjoint);
        _fft.TransformColumns(bRe, bIm, 0, m, inverse: true);
        Fft<T>.Transpose(bRe, aRe, m, off, n, 0, m);
        Fft<T>.Transpose(bIm, aIm, m, off, n, 0, m);
        _fft.TransformColumns(aRe, aIm, off, n, inverse: true);
        for (int r = 0; r < n; r++)
        {
            aRe.AsSpan(((r + off) * m) + off, n).CopyTo(dst.Slice(r * n, n));
            aIm.AsSpan(((r + off) * m) + off, n).CopyTo(dst.Slice(nn + (r * n), n));
        }
    }

    // b ← H·b (or conj(H)·b for the adjoint), elementwise.
    private void MultiplySpectrum(Span<T> re, Span<T> im, bool adjoint)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var hr = MemoryMarshal.Cast<T, Vector<T>>(_hRe.AsSpan());
            var hi = MemoryMarshal.Cast<T, Vector<T>>(_hIm.AsSpan());
            var vr = MemoryMarshal.Cast<T, Vector<T>>(re);
            var vi = MemoryMarshal.Cast<T, Vector<T>>(im);
            for (int v = 0; v < hr.Length; v++)
            {
                var g = adjoint ? -hi[v] : hi[v];
                var ar = vr[v];
                var ai = vi[v];
                vr[v] = (hr[v] * ar) - (g * ai);
                vi[v] = (hr[v] * ai) + (g * ar);
            }
            i = hr.Length * Vector<T>.Count;
        }
        for (; i < re.Length; i++)
        {
            T hr = _hRe[i], hi = adjoint ? -_hIm[i] : _hIm[i];
            T ar = re[i], ai = im[i];
            re[i] = (hr * ar) - (hi * ai);
            im[i] = (hr * ai) + (hi * ar);
        }
    }

    // Scratch for one sample: two M×M grids.
    private sealed class Workspace(int m)
    {
        public T[] ARe { get; } = new T[m * m];

        public T[] AIm { get; } = new T[m * m];

        public T[] BRe { get; } = new T[m * m];

        public T[] BIm { get; } = new T[m * m];
    }
}
