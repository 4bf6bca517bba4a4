using System.Numerics;

namespace PnnKit.Photonics.Diffractive;

/// <summary>
/// In-place iterative radix-2 complex FFT on split real/imaginary spans (length a power of two),
/// unnormalized forward (e^{−2πi·jk/n}) and inverse with 1/n. Twiddles are computed once in double.
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
