using System.Buffers.Binary;
using Google.Protobuf;
using PnnKit.Interop.Onnx;

namespace PnnKit.Interop;

/// <summary>Reads and writes ONNX <see cref="TensorProto"/> values (float and int64, inline or raw little-endian bytes).</summary>
internal static class OnnxTensors
{
    /// <summary>The tensor's dimensions.</summary>
    public static int[] Dims(TensorProto t) => [.. t.Dims.Select(d => checked((int)d))];

    /// <summary>The tensor's values as float32 (FLOAT or DOUBLE storage); throws naming <paramref name="where"/> otherwise.</summary>
    public static float[] Floats(TensorProto t, string where)
    {
        long count = t.Dims.Aggregate(1L, (a, d) => a * d);
        if (t.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new OnnxModelException($"{where}: tensor '{t.Name}' keeps its data in an external file; save the model with its weights inside (onnx.save(..., save_as_external_data=False)).");
        }
        float[] values = (TensorProto.Types.DataType)t.DataType switch
        {
            TensorProto.Types.DataType.Float when !t.RawData.IsEmpty => RawFloats(t.RawData.Span),
            TensorProto.Types.DataType.Float => [.. t.FloatData],
            TensorProto.Types.DataType.Double when !t.RawData.IsEmpty => [.. RawDoubles(t.RawData.Span).Select(v => (float)v)],
            TensorProto.Types.DataType.Double => [.. t.DoubleData.Select(v => (float)v)],
            var other => throw new OnnxModelException($"{where}: tensor '{t.Name}' holds {other}; PnnKit reads FLOAT or DOUBLE weights."),
        };
        if (values.Length != count)
        {
            throw new OnnxModelException($"{where}: tensor '{t.Name}' has {values.Length} values but its dims [{string.Join(", ", t.Dims)}] need {count}.");
        }
        return values;
    }

    /// <summary>The tensor's values as int64 (INT64 or INT32 storage), e.g. a Reshape target.</summary>
    public static long[] Longs(TensorProto t, string where) => (TensorProto.Types.DataType)t.DataType switch
    {
        TensorProto.Types.DataType.Int64 when !t.RawData.IsEmpty => [.. Enumerable.Range(0, t.RawData.Length / 8).Select(i => BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span[(i * 8)..]))],
        TensorProto.Types.DataType.Int64 => [.. t.Int64Data],
        TensorProto.Types.DataType.Int32 when !t.RawData.IsEmpty => [.. Enumerable.Range(0, t.RawData.Length / 4).Select(i => (long)BinaryPrimitives.ReadInt32LittleEndian(t.RawData.Span[(i * 4)..]))],
        TensorProto.Types.DataType.Int32 => [.. t.Int32Data.Select(v => (long)v)],
        var other => throw new OnnxModelException($"{where}: tensor '{t.Name}' holds {other}; expected INT64 values."),
    };

    /// <summary>A FLOAT initializer named <paramref name="name"/> with raw little-endian data.</summary>
    public static TensorProto Float(string name, ReadOnlySpan<float> values, params int[] dims)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        t.Dims.AddRange(dims.Select(d => (long)d));
        return t;
    }

    /// <summary>An INT64 initializer (a shape).</summary>
    public static TensorProto Int64(string name, params long[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        return t;
    }

    private static float[] RawFloats(ReadOnlySpan<byte> raw)
    {
        var v = new float[raw.Length / 4];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
        }
        return v;
    }

    private static double[] RawDoubles(ReadOnlySpan<byte> raw)
    {
        var v = new double[raw.Length / 8];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]);
        }
        return v;
    }
}
