using System.Buffers.Binary;
using System.IO.Compression;

namespace PnnKit.Core.Data;

/// <summary>
/// Reads IDX files (the MNIST format, LeCun et al.: two zero bytes, a type code, the number of
/// dimensions, big-endian int32 sizes, then big-endian data), plain or gzip-compressed. Gzip is
/// recognised by its magic bytes 1F 8B (RFC 1952), not by the file name. Every failure is a
/// <see cref="DataFormatException"/> naming the file, the offset and what was expected; offsets
/// count bytes of the IDX stream, that is after decompression for a gzip file.
/// </summary>
public static class IdxReader
{
    // Growth step for reading data whose declared size is not yet proven by the file: a header
    // claiming gigabytes must not allocate gigabytes before the bytes arrive.
    private const int InitialChunk = 1 << 20;

    /// <summary>Reads the IDX file at <paramref name="path"/>.</summary>
    public static IdxArray Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataFormatException(Directory.Exists(path)
                ? $"{path}: is a directory; expected an IDX file."
                : $"{path}: file not found; expected an IDX file (plain or .gz).");
        }
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(fs, path);
    }

    /// <summary>
    /// Reads an IDX array from <paramref name="stream"/>; <paramref name="sourceName"/> names it in
    /// messages (a path or resource name). Gzip is detected and decompressed.
    /// </summary>
    public static IdxArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        long start = stream.Position;
        int b0 = stream.ReadByte();
        int b1 = stream.ReadByte();
        stream.Position = start;
        bool gzip = b0 == 0x1F && b1 == 0x8B; // RFC 1952 §2.3.1 ID1, ID2
        if (!gzip)
        {
            return Parse(stream, sourceName, "offset", stream.Length - start);
        }
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        return Parse(gz, sourceName, "decompressed offset", null);
    }

    /// <summary>
    /// Reads MNIST-style images: an unsigned-byte IDX file of shape [count, rows, cols].
    /// </summary>
    public static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(string path)
    {
        var a = Read(path);
        return AsImages(a, path);
    }

    /// <summary>Reads MNIST-style labels: an unsigned-byte IDX file of shape [count].</summary>
    public static int[] ReadLabels(string path)
    {
        var a = Read(path);
        return AsLabels(a, path);
    }

    internal static (byte[] Pixels, int Count, int Rows, int Cols) AsImages(IdxArray a, string name)
    {
        if (a.Type != IdxDataType.UInt8 || a.Shape.Length != 3)
        {
            throw new DataFormatException($"{name}: header declares {a.Type} of shape [{string.Join(", ", a.Shape)}]; expected images: UInt8 (type 0x08) of shape [count, rows, cols].");
        }
        return (a.Bytes, a.Shape[0], a.Shape[1], a.Shape[2]);
    }

    internal static int[] AsLabels(IdxArray a, string name)
    {
        if (a.Type != IdxDataType.UInt8 || a.Shape.Length != 1)
        {
            throw new DataFormatException($"{name}: header declares {a.Type} of shape [{string.Join(", ", a.Shape)}]; expected labels: UInt8 (type 0x08) of shape [count].");
        }
        var bytes = a.Bytes;
        var labels = new int[bytes.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = bytes[i];
        }
        return labels;
    }

    /// <summary>Size in bytes of one element of <paramref name="type"/>.</summary>
    public static int ElementSize(IdxDataType type) => type switch
    {
        IdxDataType.UInt8 or IdxDataType.Int8 => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Float32 => 4,
        IdxDataType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), $"Unknown IDX type code 0x{(byte)type:X2}."),
    };

    private static IdxArray Parse(Stream s, string name, string offsetWord, long? available)
    {
        var reader = new CountingReader(s, name, offsetWord);
        Span<byte> magic = stackalloc byte[4];
        reader.ReadExactly(magic, "the 4-byte IDX magic number (00 00 type rank)");
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new DataFormatException($"{name}: {offsetWord} 0: magic bytes {magic[0]:X2} {magic[1]:X2} are not an IDX header; expected 00 00 followed by a type code and a rank.");
        }
        var type = (IdxDataType)magic[2];
        if (!Enum.IsDefined(type))
        {
            throw new DataFormatException($"{name}: {offsetWord} 2: type code 0x{magic[2]:X2} is not an IDX type; expected one of 08, 09, 0B, 0C, 0D, 0E.");
        }
        int rank = magic[3];
        if (rank == 0)
        {
            throw new DataFormatException($"{name}: {offsetWord} 3: rank 0; expected at least one dimension.");
        }
        var shape = new int[rank];
        long count = 1;
        Span<byte> four = stackalloc byte[4];
        for (int d = 0; d < rank; d++)
        {
            long at = reader.Position;
            reader.ReadExactly(four, $"the big-endian int32 size of dimension {d} of {rank}");
            int size = BinaryPrimitives.ReadInt32BigEndian(four);
            if (size < 0)
            {
                throw new DataFormatException($"{name}: {offsetWord} {at}: dimension {d} size {size}; expected a size ≥ 0.");
            }
            shape[d] = size;
            count = Math.Min(count * size, long.MaxValue / 16); // saturate; compared below
        }
        int elem = ElementSize(type);
        if (count > Array.MaxLength)
        {
            throw new DataFormatException($"{name}: header declares shape [{string.Join(", ", shape)}] = {count} elements; at most {Array.MaxLength} are supported.");
        }
        long dataBytes = count * elem;
        long dataStart = reader.Position;
        if (available is long avail && avail < dataStart + dataBytes)
        {
            throw new DataFormatException($"{name}: truncated at {offsetWord} {avail}: header declares shape [{string.Join(", ", shape)}] of {type}, so {dataBytes} data bytes were expected from {offsetWord} {dataStart} (file end expected at {dataStart + dataBytes}).");
        }
        if (dataBytes > Array.MaxLength)
        {
            throw new DataFormatException($"{name}: header declares {dataBytes} data bytes; at most {Array.MaxLength} are supported.");
        }
        byte[] raw = reader.ReadData((int)dataBytes, shape, type);
        if (reader.TryReadByte())
        {
            throw new DataFormatException($"{name}: {offsetWord} {dataStart + dataBytes}: unexpected bytes after the data; expected end of file after shape [{string.Join(", ", shape)}] of {type}.");
        }
        if (type == IdxDataType.UInt8)
        {
            return new IdxArray(shape, raw);
        }
        return new IdxArray(type, shape, Decode(raw, type, (int)count));
    }

    private static double[] Decode(byte[] raw, IdxDataType type, int count)
    {
        var v = new double[count];
        var span = raw.AsSpan();
        for (int i = 0; i < count; i++)
        {
            v[i] = type switch
            {
                IdxDataType.Int8 => (sbyte)span[i],
                IdxDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(span[(i * 2)..]),
                IdxDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(span[(i * 4)..]),
                IdxDataType.Float32 => BinaryPrimitives.ReadSingleBigEndian(span[(i * 4)..]),
                IdxDataType.Float64 => BinaryPrimitives.ReadDoubleBigEndian(span[(i * 8)..]),
                _ => span[i],
            };
        }
        return v;
    }

    /// <summary>Reads with a byte position, turning short reads and gzip errors into one-line messages.</summary>
    private sealed class CountingReader(Stream s, string name, string offsetWord)
    {
        public long Position { get; private set; }

        public void ReadExactly(Span<byte> buffer, string what)
        {
            int got = Fill(buffer);
            if (got < buffer.Length)
            {
                throw new DataFormatException($"{name}: truncated at {offsetWord} {Position}: expected {what} ({buffer.Length} bytes from {offsetWord} {Position - got}), found {got}.");
            }
        }

        public byte[] ReadData(int length, int[] shape, IdxDataType type)
        {
            long start = Position;
            var buf = new byte[Math.Min(length, InitialChunk)];
            int filled = 0;
            while (filled < length)
            {
                if (filled == buf.Length)
                {
                    Array.Resize(ref buf, (int)Math.Min(length, (long)buf.Length * 2));
                }
                int got = Fill(buf.AsSpan(filled, buf.Length - filled));
                filled += got;
                if (filled < buf.Length)
                {
                    throw new DataFormatException($"{name}: truncated at {offsetWord} {Position}: header declares shape [{string.Join(", ", shape)}] of {type}, so {length} data bytes were expected from {offsetWord} {start}; found {filled}.");
                }
            }
            return buf;
        }

        public bool TryReadByte()
        {
            Span<byte> one = stackalloc byte[1];
            return Fill(one) == 1;
        }

        private int Fill(Span<byte> buffer)
        {
            int total = 0;
            try
            {
                while (total < buffer.Length)
                {
                    int n = s.Read(buffer[total..]);
                    if (n == 0)
                    {
                        break;
                    }
                    total += n;
                    Position += n;
                }
            }
            catch (InvalidDataException ex)
            {
                throw new DataFormatException($"{name}: corrupt gzip data near {offsetWord} {Position}: {OneLine(ex.Message)}; expected a valid gzip (RFC 1952) stream.", ex);
            }
            catch (IOException ex)
            {
                throw new DataFormatException($"{name}: read failed near {offsetWord} {Position}: {OneLine(ex.Message)}.", ex);
            }
            return total;
        }
    }

    internal static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
