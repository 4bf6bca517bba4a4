using System.Buffers.Binary;
using System.IO.Compression;

namespace PnnKit.Tests.Fixtures;

/// <summary>Writes the 1-bit grayscale PNGs Omniglot ships (black ink on white), for the fixtures of the Omniglot loader and of the runs on it; linked into each test project that needs it.</summary>
public static class PngFixture
{
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }
        return ~crc;
    }

    private static void Chunk(MemoryStream png, string type, byte[] data)
    {
        var head = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(head, 4);
        png.Write(head);
        png.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. head.AsSpan(4), .. data]));
        png.Write(crc);
    }

    /// <summary>A 1-bit grayscale PNG, white except <paramref name="ink"/> (black), rows filtered alternately None and Sub.</summary>
    public static byte[] Png1Bit(int w, int h, Func<int, int, bool> ink)
    {
        int stride = (w + 7) / 8;
        var raw = new byte[h * (stride + 1)];
        for (int y = 0; y < h; y++)
        {
            var line = new byte[stride];
            for (int x = 0; x < w; x++)
            {
                if (!ink(x, y))
                {
                    line[x / 8] |= (byte)(0x80 >> (x % 8));
                }
            }
            int filter = y % 2;
            raw[y * (stride + 1)] = (byte)filter;
            for (int i = 0; i < stride; i++)
            {
                // Rows alternate None (0) and Sub (1), Sub subtracting the byte to the left (1-bit: bpp is one byte).
                raw[(y * (stride + 1)) + 1 + i] = (byte)(line[i] - (filter == 1 && i > 0 ? line[i - 1] : 0));
            }
        }
        using var png = new MemoryStream();
        png.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, w);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), h);
        ihdr[8] = 1;
        Chunk(png, "IHDR", ihdr);
        using (var z = new MemoryStream())
        {
            using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
            {
                zs.Write(raw);
            }
            Chunk(png, "IDAT", z.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }
}
