namespace PnnKit.Memristive.Periphery;

/// <summary>
/// A symmetric mid-tread quantizer over [−range, range] with <c>bits</c> bits: codes
/// −(2^(bits−1) − 1) … 2^(bits−1) − 1, step = range / (2^(bits−1) − 1). Values beyond the range
/// saturate. A null bit count means an ideal converter (clipping only).
/// </summary>
public static class SignedQuantizer
{
    /// <summary>Smallest allowed resolution, bits (one sign bit and one magnitude bit).</summary>
    public const int MinBits = 2;

    /// <summary>Largest allowed resolution, bits.</summary>
    public const int MaxBits = 24;

    /// <summary>Throws naming <paramref name="parameter"/> unless bits is null or in [MinBits, MaxBits].</summary>
    public static void ValidateBits(int? bits, string parameter)
    {
        if (bits is int b && (b < MinBits || b > MaxBits))
        {
            throw new ArgumentOutOfRangeException(parameter, $"{parameter} must be in [{MinBits}, {MaxBits}] bits (or null for an ideal converter), got {b}.");
        }
    }

    /// <summary>Positive code count 2^(bits−1) − 1.</summary>
    public static int PositiveCodes(int bits) => (1 << (bits - 1)) - 1;

    /// <summary>Quantization step for <paramref name="range"/> and <paramref name="bits"/>.</summary>
    public static double Step(double range, int bits) => range / PositiveCodes(bits);

    /// <summary>Clips to ±range and rounds to the nearest code; sets <paramref name="saturated"/> when |v| &gt; range.</summary>
    public static double Quantize(double v, double range, int? bits, out bool saturated)
    {
        saturated = Math.Abs(v) > range;
        v = Math.Clamp(v, -range, range);
        if (bits is not int b)
        {
            return v;
        }
        double step = Step(range, b);
        return Math.Round(v / step, MidpointRounding.AwayFromZero) * step;
    }

    /// <summary>
    /// <see cref="Quantize(double, double, int?, out bool)"/> on a whole span in place (vectorised); returns
    /// whether any value exceeded the range before clipping.
    /// </summary>
    public static bool QuantizeInPlace(Span<double> values, double range, int? bits) => QuantizeInPlace<double>(values, range, bits);

    /// <summary>
    /// The same quantizer on a span of <typeparamref name="T"/> in place, fused into few vectorised passes
    /// (divide by the step, round, clip to the code range, scale back); returns whether any value exceeded the range.
    /// </summary>
    public static bool QuantizeInPlace<T>(Span<T> values, double range, int? bits) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (values.IsEmpty)
        {
            return false;
        }
        // MaxMagnitude returns the signed value of largest magnitude: compare its absolute value, or negative saturation goes unseen.
        bool saturated = Math.Abs(double.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<T>(values))) > range;
        if (bits is not int b)
        {
            System.Numerics.Tensors.TensorPrimitives.Clamp(values, T.CreateTruncating(-range), T.CreateTruncating(range), values);
            return saturated;
        }
        // Clipping to ±range then rounding equals rounding then clipping to the integer codes ±(2^(bits−1) − 1).
        T codes = T.CreateTruncating(PositiveCodes(b)), step = T.CreateTruncating(Step(range, b));
        System.Numerics.Tensors.TensorPrimitives.Divide(values, step, values);
        System.Numerics.Tensors.TensorPrimitives.Round(values, MidpointRounding.AwayFromZero, values);
        System.Numerics.Tensors.TensorPrimitives.Clamp(values, -codes, codes, values);
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, step, values);
        return saturated;
    }
}
