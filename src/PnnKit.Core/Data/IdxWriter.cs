using System.Buffers.Binary;
using System.IO.Compression;

namespace PnnKit.Core.Data;

/// <summary>Writes IDX files (the inverse of <see cref="IdxReader"/>), plain or gzip-compressed.</summary>
public static class IdxWriter
{
    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/>, gzip-compressed when the name ends in ".gz".</summary>
    public static void Write(string path, IdxArray array)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var fs = File.Create(path);
        Write(fs, array, path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Writes <paramref name="array"/> to <paramref name="stream"/>, optionally gzip-compressed.</summary>
    public static void Write(Stream stream, IdxArray array, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(array);
        if (gzip)
        {
            using var gz = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
            WriteRaw(gz, array);
            return;
        }
        WriteRaw(stream, array);
    }

    private static void WriteRaw(Stream s, IdxArray a)
    {
        s.Write([0, 0, (byte)a.Type, (byte)a.Shape.Length]);
        Span<byte> buf = stackalloc byte[8];
        foreach (int d in a.Shape)
        {
            BinaryPrimitives.WriteInt32BigEndian(buf, d);
            s.Write(buf[..4]);
        }
        if (a.Type == IdxDataType.UInt8)
        {
            s.Write(a.Bytes);
            return;
        }
        int size = IdxReader.ElementSize(a.Type);
        var bytes = new byte[a.Length * size];
        var span = bytes.AsSpan();
        for (int i = 0; i < a.Length; i++)
        {
            double v = a[i];
            var dst = span.Slice(i * size, size);
            switch (a.Type)
            {
                case IdxDataType.Int8:
                    dst[0] = (byte)checked((sbyte)v);
                    break;
                case IdxDataType.Int16:
                    BinaryPrimitives.WriteInt16BigEndian(dst, checked((short)v));
                    break;
                case IdxDataType.Int32:
                    BinaryPrimitives.WriteInt32BigEndian(dst, checked((int)v));
                    break;
                case IdxDataType.Float32:
                    BinaryPrimitives.WriteSingleBigEndian(dst, (float)v);
                    break;
                default:
                    BinaryPrimitives.WriteDoubleBigEndian(dst, v);
                    break;
            }
        }
        s.Write(bytes);
    }
}
