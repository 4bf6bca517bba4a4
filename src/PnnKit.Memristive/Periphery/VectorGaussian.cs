using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace PnnKit.Memristive.Periphery;

/// <summary>
/// Standard normal samples for whole spans at once, in SIMD lanes: the per-read output noise and the
/// programming noise of hardware-aware training. Random bits come from a counter-based generator, word i
/// of a stream being the SplitMix64 output function of key + (i + 1)·γ (Steele, Lea &amp; Flood, OOPSLA 2014;
/// the generator SplitMix64 passes BigCrush), so every lane is independent of the others and a stream is
/// reproducible from its key alone. Each 64-bit word gives two 24-bit uniforms u = (k + ½)/2²⁴ in (0, 1),
/// turned into pairs of normals by the Box–Muller transform (Box &amp; Muller, Ann. Math. Stat. 29, 610 (1958)),
/// r = √(−2 ln u₁), z = r cos 2πu₂ and r sin 2πu₂, with TensorPrimitives' vectorised Log, Sqrt and Cos.
/// The smallest u₁ bounds |z| by √(2 ln 2²⁵) ≈ 5.9: the tail beyond it (probability 4·10⁻⁹) is cut.
/// </summary>
public static class VectorGaussian
{
    /// <summary>Largest |z| the 24-bit uniforms can produce: √(−2 ln 2⁻²⁵).</summary>
    public static readonly double MaxMagnitude = Math.Sqrt(-2 * Math.Log(Math.ScaleB(1.0, -25)));

    private const ulong Gamma = 0x9E3779B97F4A7C15UL; // SplitMix64's increment, the golden ratio in 64 bits
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL; // SplitMix64 output-function multipliers (Stafford's Mix13)
    private const ulong Mix2 = 0x94D049BB133111EBUL;
    private const int UniformBits = 24; // exactly representable in float
    private const int Chunk = 256; // normals per pass through the stack buffers

    /// <summary>Fills <paramref name="destination"/> with standard normals of the stream <paramref name="key"/> (the same key gives the same values).</summary>
    public static void Fill<T>(Span<T> destination, ulong key) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<float> uniforms = stackalloc float[Chunk];
        Span<T> u = stackalloc T[Chunk];
        Span<T> angle = stackalloc T[Chunk];
        ulong counter = 0;
        for (int start = 0; start < destination.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, destination.Length - start);
            int pairs = (n + 1) / 2;
            counter = Uniforms(uniforms[..(2 * pairs)], key, counter);
            TensorPrimitives.ConvertTruncating<float, T>(uniforms[..(2 * pairs)], u[..(2 * pairs)]);
            var u1 = u[..pairs];
            var u2 = u.Slice(pairs, pairs);
            // r = √(−2 ln u₁), in place over u₁.
            TensorPrimitives.Log(u1, u1);
            TensorPrimitives.Multiply(u1, T.CreateTruncating(-2.0), u1);
            TensorPrimitives.Sqrt(u1, u1);
            // Angles 2πu₂ and 2πu₂ − π/2, whose cosines are cos and sin of 2πu₂.
            TensorPrimitives.Multiply(u2, T.CreateTruncating(2 * Math.PI), angle[..pairs]);
            TensorPrimitives.Subtract(angle[..pairs], T.CreateTruncating(Math.PI / 2), angle.Slice(pairs, pairs));
            TensorPrimitives.Cos(angle[..(2 * pairs)], angle[..(2 * pairs)]);
            var dst = destination.Slice(start, n);
            int first = Math.Min(pairs, n);
            TensorPrimitives.Multiply(angle[..first], u1[..first], dst[..first]);
            TensorPrimitives.Multiply(angle.Slice(pairs, n - first), u1[..(n - first)], dst[first..]);
        }
    }

    /// <summary>values[i] += std · z_i with z from the stream <paramref name="key"/>.</summary>
    public static void Add<T>(Span<T> values, double std, ulong key) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(std >= 0) || !double.IsFinite(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std), $"std must be finite and ≥ 0, got {std}.");
        }
        if (std == 0 || values.IsEmpty)
        {
            return;
        }
        Span<T> z = stackalloc T[Chunk];
        for (int start = 0; start < values.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, values.Length - start);
            // Each chunk is its own stream (key, chunk index): same values whatever the span's length beyond it.
            Fill(z[..n], Mix(unchecked(key + ((ulong)(start / Chunk) * Gamma))));
            var v = values.Slice(start, n);
            TensorPrimitives.FusedMultiplyAdd(z[..n], T.CreateTruncating(std), v, v);
        }
    }

    // Writes uniforms (k + ½)/2²⁴ from words counter+1, counter+2, … of the stream key (two per word); returns the next counter.
    private static ulong Uniforms(Span<float> destination, ulong key, ulong counter)
    {
        const float scale = 1f / (1 << UniformBits);
        int words = (destination.Length + 1) / 2;
        int w = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var step = Vector256.Create(unchecked(4 * Gamma));
            var z = Vector256.Create(key) + (Vector256.Create(unchecked(counter + 1), unchecked(counter + 2), unchecked(counter + 3), unchecked(counter + 4)) * Vector256.Create(Gamma));
            for (; w + 4 <= words && (2 * w) + 8 <= destination.Length; w += 4)
            {
                var bits = Mix(z).AsUInt32();
                var k = Vector256.ShiftRightLogical(bits, 32 - UniformBits).AsInt32();
                var f = (Vector256.ConvertToSingle(k) + Vector256.Create(0.5f)) * Vector256.Create(scale);
                f.CopyTo(destination.Slice(2 * w, 8));
                z += step;
            }
        }
        for (; w < words; w++)
        {
            ulong bits = Mix(unchecked(key + ((counter + (ulong)w + 1) * Gamma)));
            destination[2 * w] = (((uint)bits >> (32 - UniformBits)) + 0.5f) * scale;
            if ((2 * w) + 1 < destination.Length)
            {
                destination[(2 * w) + 1] = ((uint)(bits >> (64 - UniformBits)) + 0.5f) * scale;
            }
        }
        return unchecked(counter + (ulong)words);
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * Mix1;
            z = (z ^ (z >> 27)) * Mix2;
            return z ^ (z >> 31);
        }
    }

    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Vector256.Create(Mix1);
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Vector256.Create(Mix2);
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }
}
