using System.Numerics;

namespace PnnKit.Core.Random;

/// <summary>
/// Seeded, splittable random number generator (xoshiro256**, seeded through SplitMix64;
/// Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", 2021).
/// <see cref="Split(ulong)"/> derives an independent child stream from this stream's seed and a key
/// without advancing this stream, so parallel or resumed work draws the same numbers regardless of
/// the order in which streams are created: every run is reproducible from one seed.
/// </summary>
public sealed class Rng
{
    private readonly ulong _seed;
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>A generator for <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
    {
        _seed = seed;
        ulong sm = seed;
        _s0 = SplitMix(ref sm);
        _s1 = SplitMix(ref sm);
        _s2 = SplitMix(ref sm);
        _s3 = SplitMix(ref sm);
    }

    /// <summary>The seed this stream was created from.</summary>
    public ulong Seed => _seed;

    /// <summary>An independent stream identified by <paramref name="key"/>; does not advance this one.</summary>
    public Rng Split(ulong key)
    {
        ulong x = _seed ^ (0x9E3779B97F4A7C15UL * (key + 1));
        return new Rng(SplitMix(ref x) ^ key);
    }

    /// <summary>An independent stream identified by a name (stable across runs and platforms).</summary>
    public Rng Split(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong h = 14695981039346656037UL; // FNV-1a 64-bit offset basis
        foreach (char c in name)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return Split(h);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextULong()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + ((hi - lo) * NextDouble());

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), $"n must be > 0, got {n}.");
        }
        return (int)((NextULong() >> 33) * (ulong)n >> 31);
    }

    /// <summary>Standard normal sample (Marsaglia polar method).</summary>
    public double Normal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);
        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * m;
        _hasSpare = true;
        return u * m;
    }

    /// <summary>Normal sample with the given mean and standard deviation.</summary>
    public double Normal(double mean, double std) => mean + (std * Normal());

    /// <summary>Fills <paramref name="span"/> with normal samples.</summary>
    public void FillNormal<T>(Span<T> span, double mean, double std) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = T.CreateTruncating(Normal(mean, std));
        }
    }

    /// <summary>Fills <paramref name="span"/> with uniform samples in [lo, hi).</summary>
    public void FillUniform<T>(Span<T> span, double lo, double hi) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = T.CreateTruncating(Uniform(lo, hi));
        }
    }

    /// <summary>Shuffles in place (Fisher–Yates).</summary>
    public void Shuffle<TItem>(Span<TItem> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }
        Shuffle<int>(p);
        return p;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
