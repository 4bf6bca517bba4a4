namespace PnnKit.Core.Data;

/// <summary>Element type codes of the IDX format (LeCun et al., MNIST page: third byte of the magic number).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name the IDX element types; type names are the clearest names for them.")]
public enum IdxDataType : byte
{
    /// <summary>Unsigned byte (0x08): MNIST and Fashion-MNIST images and labels.</summary>
    UInt8 = 0x08,

    /// <summary>Signed byte (0x09).</summary>
    Int8 = 0x09,

    /// <summary>Big-endian 16-bit integer (0x0B).</summary>
    Int16 = 0x0B,

    /// <summary>Big-endian 32-bit integer (0x0C).</summary>
    Int32 = 0x0C,

    /// <summary>Big-endian IEEE 754 float32 (0x0D).</summary>
    Float32 = 0x0D,

    /// <summary>Big-endian IEEE 754 float64 (0x0E).</summary>
    Float64 = 0x0E,
}

/// <summary>
/// The contents of one IDX file: element type, shape, and the data converted to doubles
/// (exact for every IDX type). Bytes are kept as bytes too because image sets are large.
/// </summary>
public sealed class IdxArray
{
    /// <summary>Wraps the given values; <paramref name="values"/> length must equal the product of the shape.</summary>
    public IdxArray(IdxDataType type, int[] shape, double[] values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        CheckShape(shape, values.Length);
        Type = type;
        Shape = (int[])shape.Clone();
        if (type != IdxDataType.UInt8)
        {
            _values = values;
            return;
        }
        // Unsigned bytes are always held as bytes, so Bytes works whichever constructor was used.
        _bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!(v >= 0 && v <= 255 && v == Math.Floor(v)))
            {
                throw new ArgumentException($"Value {v} at index {i} is not an unsigned byte (0..255).", nameof(values));
            }
            _bytes[i] = (byte)v;
        }
    }

    /// <summary>An unsigned-byte array (the MNIST case) without a double copy.</summary>
    public IdxArray(int[] shape, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(bytes);
        CheckShape(shape, bytes.Length);
        Type = IdxDataType.UInt8;
        Shape = (int[])shape.Clone();
        _bytes = bytes;
    }

    private readonly double[]? _values;
    private readonly byte[]? _bytes;

    /// <summary>Element type as stored in the file.</summary>
    public IdxDataType Type { get; }

    /// <summary>Dimension sizes, outermost first.</summary>
    public int[] Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Length => _bytes?.Length ?? _values!.Length;

    /// <summary>The raw bytes of a <see cref="IdxDataType.UInt8"/> array; throws for other types.</summary>
    public byte[] Bytes => _bytes ?? throw new InvalidOperationException($"IDX array is {Type}, not UInt8.");

    /// <summary>Element <paramref name="i"/> (flat, row-major) as a double.</summary>
    public double this[int i] => _bytes is not null ? _bytes[i] : _values![i];

    /// <summary>All elements as doubles (a copy for byte arrays).</summary>
    public double[] ToDoubles()
    {
        if (_values is not null)
        {
            return (double[])_values.Clone();
        }
        var d = new double[_bytes!.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = _bytes[i];
        }
        return d;
    }

    private static void CheckShape(int[] shape, int length)
    {
        if (shape.Length is 0 or > 255)
        {
            throw new ArgumentException($"IDX arrays have 1 to 255 dimensions; got {shape.Length}.", nameof(shape));
        }
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"IDX dimension sizes must be ≥ 0; got [{string.Join(", ", shape)}].", nameof(shape));
            }
            n = Math.Min(n * d, (long)Array.MaxLength + 1); // saturate: no overflow over 255 dimensions
        }
        if (n != length)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {n} elements but {length} were given.", nameof(shape));
        }
    }
}
