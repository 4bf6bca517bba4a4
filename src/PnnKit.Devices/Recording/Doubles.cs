using System.Numerics;

namespace PnnKit.Devices.Recording;

/// <summary>Values as a recording stores them: doubles (exact for float and double, so replay gives back the same bits).</summary>
internal static class Doubles
{
    public static double[] Of<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = double.CreateChecked(values[i]);
        }
        return d;
    }

    public static T[] To<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = new T[values.Length];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = T.CreateChecked(values[i]);
        }
        return t;
    }

    /// <summary>The same bits (any NaN equals any NaN: the text form keeps no payload).</summary>
    public static bool Same(double a, double b) =>
        BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b));
}
