using System.Numerics;
using System.Runtime.InteropServices;

namespace PnnKit.Photonics.Diffractive;

/// <summary>
/// In-place iterative radix-2 complex FFT on split real/imaginary spans (length a power of two),
/// unnormalized forward (e^{−2πi·jk/n}) and inverse with 1/n. Twiddles are computed once in double.
/// <see cref="TransformColumns"/> transforms many columns of a row-major grid at once: every
/// butterfly then combines two whole rows, a SIMD loop over contiguous memory with one scalar twiddle.
/// </summary>
internal sealed class Fft<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _cos, _sin;
    private readonly int[] _rev;

    public Fft(int n)
    {
        if (n < 1 || (n & (n - 1)) != 0)
        {
            throw new ArgumentException($"FFT length must be a power of two; got {n}.", nameof(n));
        }
        Length = n;
        _cos = new T[n / 2];
        _sin = new T[n / 2];
        for (int k = 0; k < n / 2; k++)
        {
            _cos[k] = T.CreateChecked(Math.Cos(2 * Math.PI * k / n));
            _sin[k] = T.CreateChecked(Math.Sin(2 * Math.PI * k / n));
        }
        _rev = new int[n];
        int bits = BitOperations.Log2((uint)n);
        for (int i = 0; i < n; i++)
        {
            _rev[i] = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
        }
    }

    public int Length { get; }

    private static uint ReverseBits(uint v)
    {
        v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
        v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
        v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
        v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
        return (v >> 16) | (v << 16);
    }

    /// <summary>Transforms (re, im) in place; inverse includes the 1/n factor.</summary>
    public void Transform(Span<T> re, Span<T> im, bool inverse)
    {
        int n = Length;
        for (int i = 0; i < n; i++)
        {
            int j = _rev[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size >> 1, step = n / size;
            for (int start = 0; start < n; start += size)
            {
                for (int k = 0; k < half; k++)
                {
                    T wr = _cos[k * step], wi = inverse ? _sin[k * step] : -_sin[k * step];
                    int a = start + k, b = a + half;
                    T tr = (wr * re[b]) - (wi * im[b]);
                    T ti = (wr * im[b]) + (wi * re[b]);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
        if (inverse)
        {
            T s = T.One / T.CreateChecked(n);
            for (int i = 0; i < n; i++)
            {
                re[i] *= s;
                im[i] *= s;
            }
        }
    }

    /// <summary>
    /// Unnormalized 1-D transforms along the row index of every column c in [<paramref name="c0"/>,
    /// <paramref name="c0"/> + <paramref name="width"/>) of an n×n row-major grid (inverse: e^{+2πi·jk/n}, no 1/n).
    /// Columns outside the range are left untouched, so an all-zero band costs nothing.
    /// </summary>
    public void TransformColumns(Span<T> re, Span<T> im, int c0, int width, bool inverse)
    {
        int n = Length;
        for (int i = 0; i < n; i++)
        {
            int j = _rev[i];
            if (j > i)
            {
                SwapRows(re, (i * n) + c0, (j * n) + c0, width);
                SwapRows(im, (i * n) + c0, (j * n) + c0, width);
            }
        }
        for (int size = 2; size <= n; size <<= 1)
        {
            int half = size >> 1, step = n / size;
            for (int start = 0; start < n; start += size)
            {
                for (int k = 0; k < half; k++)
                {
                    T wr = _cos[k * step], wi = inverse ? _sin[k * step] : -_sin[k * step];
                    int a = ((start + k) * n) + c0, b = a + (half * n);
                    Butterfly(re.Slice(a, width), im.Slice(a, width), re.Slice(b, width), im.Slice(b, width), wr, wi);
                }
            }
        }
    }

    private static void SwapRows(Span<T> x, int a, int b, int width)
    {
        var ra = x.Slice(a, width);
        var rb = x.Slice(b, width);
        for (int i = 0; i < width; i++)
        {
            (ra[i], rb[i]) = (rb[i], ra[i]);
        }
    }

    // (a, b) ← (a + w·b, a − w·b) elementwise, w = wr + i·wi.
    private static void Butterfly(Span<T> ar, Span<T> ai, Span<T> br, Span<T> bi, T wr, T wi)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vwr = new Vector<T>(wr);
            var vwi = new Vector<T>(wi);
            var var_ = MemoryMarshal.Cast<T, Vector<T>>(ar);
            var vai = MemoryMarshal.Cast<T, Vector<T>>(ai);
            var vbr = MemoryMarshal.Cast<T, Vector<T>>(br);
            var vbi = MemoryMarshal.Cast<T, Vector<T>>(bi);
            for (int v = 0; v < var_.Length; v++)
            {
                var xr = vbr[v];
                var xi = vbi[v];
                var tr = (vwr * xr) - (vwi * xi);
                var ti = (vwr * xi) + (vwi * xr);
                var yr = var_[v];
                var yi = vai[v];
                vbr[v] = yr - tr;
                vbi[v] = yi - ti;
                var_[v] = yr + tr;
                vai[v] = yi + ti;
            }
            i = var_.Length * Vector<T>.Count;
        }
        for (; i < ar.Length; i++)
        {
            T tr = (wr * br[i]) - (wi * bi[i]);
            T ti = (wr * bi[i]) + (wi * br[i]);
            br[i] = ar[i] - tr;
            bi[i] = ai[i] - ti;
            ar[i] += tr;
            ai[i] += ti;
        }
    }

    /// <summary>
    /// dst[c·n + r] = src[r·n + c] for r in [<paramref name="r0"/>, <paramref name="r0"/> + <paramref name="rows"/>)
    /// and c in [<paramref name="c0"/>, <paramref name="c0"/> + <paramref name="cols"/>) of n×n grids, in cache-sized tiles.
    /// </summary>
    public static void Transpose(ReadOnlySpan<T> src, Span<T> dst, int n, int r0, int rows, int c0, int cols)
    {
        const int Tile = 32;
        for (int rb = r0; rb < r0 + rows; rb += Tile)
        {
            int re = Math.Min(rb + Tile, r0 + rows);
            for (int cb = c0; cb < c0 + cols; cb += Tile)
            {
                int ce = Math.Min(cb + Tile, c0 + cols);
                for (int r = rb; r < re; r++)
                {
                    for (int c = cb; c < ce; c++)
                    {
                        dst[(c * n) + r] = src[(r * n) + c];
                    }
                }
            }
        }
    }

    /// <summary>2-D transform of an n×n row-major grid; <paramref name="colRe"/>/<paramref name="colIm"/> are scratch of length n.</summary>
    public void Transform2D(Span<T> re, Span<T> im, Span<T> colRe, Span<T> colIm, bool inverse)
    {
        int n = Length;
        for (int r = 0; r < n; r++)
        {
            Transform(re.Slice(r * n, n), im.Slice(r * n, n), inverse);
        }
        for (int c = 0; c < n; c++)
        {
            for (int r = 0; r < n; r++)
            {
                colRe[r] = re[(r * n) + c];
                colIm[r] = im[(r * n) + c];
            }
            Transform(colRe, colIm, inverse);
            for (int r = 0; r < n; r++)
            {
                re[(r * n) + c] = colRe[r];
                im[(r * n) + c] = colIm[r];
            }
        }
    }
}
