using System.IO.Compression;
using CsCheck;
using PnnKit.Core.Data;

namespace PnnKit.Core.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] ImagesIdx(int count, int rows, int cols)
    {
        var pixels = new byte[count * rows * cols];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 7);
        }
        using var ms = new MemoryStream();
        IdxWriter.Write(ms, new IdxArray([count, rows, cols], pixels), gzip: false);
        return ms.ToArray();
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(raw);
        }
        return ms.ToArray();
    }

    private string WriteFile(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void IdxWriteRead_RoundTrips_EveryTypeAndShape_PlainAndGzip()
    {
        var types = Gen.OneOfConst(IdxDataType.UInt8, IdxDataType.Int8, IdxDataType.Int16, IdxDataType.Int32, IdxDataType.Float32, IdxDataType.Float64);
        var gen = from type in types
                  from shape in Gen.Int[0, 5].Array[1, 4]
                  from gzip in Gen.Bool
                  from seed in Gen.Int
                  select (type, shape, gzip, seed);
        gen.Sample(t =>
        {
            int n = t.shape.Aggregate(1, (a, b) => a * b);
            var r = new System.Random(t.seed);
            IdxArray a;
            if (t.type == IdxDataType.UInt8)
            {
                var bytes = new byte[n];
                r.NextBytes(bytes);
                a = new IdxArray(t.shape, bytes);
            }
            else
            {
                var v = new double[n];
                for (int i = 0; i < n; i++)
                {
                    v[i] = t.type switch
                    {
                        IdxDataType.Int8 => r.Next(-128, 128),
                        IdxDataType.Int16 => r.Next(short.MinValue, short.MaxValue + 1),
                        IdxDataType.Int32 => r.Next(int.MinValue, int.MaxValue),
                        IdxDataType.Float32 => (float)((r.NextDouble() - 0.5) * 1e6),
                        _ => (r.NextDouble() - 0.5) * 1e300,
                    };
                }
                a = new IdxArray(t.type, t.shape, v);
            }
            using var ms = new MemoryStream();
            IdxWriter.Write(ms, a, t.gzip);
            ms.Position = 0;
            var back = IdxReader.Read(ms, "mem");
            Assert.Equal(a.Type, back.Type);
            Assert.Equal(a.Shape, back.Shape);
            Assert.Equal(a.ToDoubles(), back.ToDoubles());
        }, iter: 200);
    }

    [Fact]
    public void IdxArray_StoresUInt8AsBytes_AndRejectsNonByteValues()
    {
        Assert.Equal([0, 255], new IdxArray(IdxDataType.UInt8, [2], [0, 255]).Bytes);
        Assert.Throws<ArgumentException>(() => new IdxArray(IdxDataType.UInt8, [1], [256]));
        Assert.Throws<ArgumentException>(() => new IdxArray(IdxDataType.Int32, [2, 2], [1, 2, 3]));
    }

    [Fact]
    public void IdxReader_ReadsImagesAndLabels_FromGzipFiles()
    {
        string path = WriteFile("img.gz", Gzip(ImagesIdx(3, 4, 5)));
        var (pixels, count, rows, cols) = IdxReader.ReadImages(path);
        Assert.Equal((3, 4, 5), (count, rows, cols));
        Assert.Equal(unchecked((byte)(59 * 7)), pixels[59]);
        using var ms = new MemoryStream();
        IdxWriter.Write(ms, new IdxArray([4], [3, 1, 4, 1]), gzip: false);
        Assert.Equal([3, 1, 4, 1], IdxReader.ReadLabels(WriteFile("lab", ms.ToArray())));
    }

    [Fact]
    public void IdxReader_NamesFileAndOffset_WhenTruncatedInData()
    {
        var raw = ImagesIdx(2, 3, 3); // 16 header bytes + 18 data bytes
        string path = WriteFile("short.idx", raw[..30]);
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated at offset 30", ex.Message, StringComparison.Ordinal);
        Assert.Contains("18 data bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 3, 3]", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void IdxReader_NamesDecompressedOffset_WhenGzipContentIsTruncated()
    {
        var raw = ImagesIdx(2, 3, 3);
        string path = WriteFile("short.idx.gz", Gzip(raw[..25]));
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("decompressed offset 25", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdxReader_NamesFileAndOffset_WhenTruncatedInHeader()
    {
        var raw = ImagesIdx(2, 3, 3);
        string path = WriteFile("hdr.idx", raw[..10]);
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated at offset 10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dimension 1 of 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdxReader_RejectsBadMagic_AndUnknownTypeCode()
    {
        var raw = ImagesIdx(1, 2, 2);
        raw[0] = 0x50; // 'P', as in a PNG or text file
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(WriteFile("magic.idx", raw)));
        Assert.Contains("offset 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected 00 00", ex.Message, StringComparison.Ordinal);

        raw = ImagesIdx(1, 2, 2);
        raw[2] = 0x0A;
        ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(WriteFile("type.idx", raw)));
        Assert.Contains("offset 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0x0A", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdxReader_RejectsTrailingBytes_AfterDeclaredData()
    {
        var raw = ImagesIdx(1, 2, 2).Concat(new byte[] { 9 }).ToArray();
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(WriteFile("long.idx", raw)));
        Assert.Contains("offset 20", ex.Message, StringComparison.Ordinal);
        Assert.Contains("end of file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdxReader_RejectsHugeDeclaredSize_WithoutAllocatingIt()
    {
        var raw = ImagesIdx(1, 2, 2);
        raw[4] = 0x7F; // count ≈ 2.1e9 images of 2×2: far beyond the 4 data bytes present
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(WriteFile("huge.idx", raw)));
        Assert.Contains("huge.idx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdxReader_NamesFile_WhenGzipFileIsCutShort()
    {
        var gz = Gzip(ImagesIdx(20, 28, 28));
        string path = WriteFile("cut.gz", gz[..(gz.Length / 2)]);
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("decompressed offset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdxReader_NamesFile_WhenGzipStreamIsCorrupt()
    {
        var gz = Gzip(ImagesIdx(50, 28, 28));
        for (int i = 20; i < gz.Length - 20; i += 7)
        {
            gz[i] ^= 0x5A; // scramble the deflate data
        }
        string path = WriteFile("bad.gz", gz);
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void IdxReader_NamesPath_WhenFileIsMissing()
    {
        string path = Path.Combine(_dir, "nope.gz");
        var ex = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageSets_NamesLabelsFile_WhenCountsDisagree_OrLabelIsOutOfRange()
    {
        string images = WriteFile("i", ImagesIdx(3, 2, 2));
        using var ms = new MemoryStream();
        IdxWriter.Write(ms, new IdxArray([2], [0, 1]), gzip: false);
        string labels = WriteFile("l", ms.ToArray());
        var ex = Assert.Throws<DataFormatException>(() => ImageSets.Load<float>(images, labels, "t"));
        Assert.Contains(labels, ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 images", ex.Message, StringComparison.Ordinal);

        ms.SetLength(0);
        IdxWriter.Write(ms, new IdxArray([3], [0, 1, 12]), gzip: false);
        labels = WriteFile("l2", ms.ToArray());
        ex = Assert.Throws<DataFormatException>(() => ImageSets.Load<float>(images, labels, "t"));
        Assert.Contains("offset 10: label 12", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageSets_ScalesBytesToUnitInterval()
    {
        string images = WriteFile("i", ImagesIdx(2, 2, 2));
        using var ms = new MemoryStream();
        IdxWriter.Write(ms, new IdxArray([2], [5, 9]), gzip: false);
        var d = ImageSets.Load<double>(images, WriteFile("l", ms.ToArray()), "t");
        Assert.Equal([2, 4], d.Features.Shape.ToArray());
        Assert.Equal(7 / 255.0, d.Features[1], 12);
        Assert.Equal([5, 9], d.Labels!);
    }
}
