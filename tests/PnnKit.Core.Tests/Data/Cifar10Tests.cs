using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using PnnKit.Core.Data;

namespace PnnKit.Core.Tests.Data;

/// <summary>
/// CIFAR-10 binary batches on a tiny generated fixture: a few 3,073-byte records per batch file,
/// packed into a .tar.gz laid out like cifar-10-binary.tar.gz. Shares PNNKIT_DATA with the other
/// catalog tests, so it clears the variable and restores it.
/// </summary>
public sealed class Cifar10Tests : IDisposable
{
    private const int R = Cifar10Binary.RecordBytes;
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-cifar-").FullName;
    private readonly string? _savedEnv = Environment.GetEnvironmentVariable(DataCatalog.DataDirVariable);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public Cifar10Tests() => Environment.SetEnvironmentVariable(DataCatalog.DataDirVariable, null);

    public void Dispose()
    {
        _http.Dispose();
        Environment.SetEnvironmentVariable(DataCatalog.DataDirVariable, _savedEnv);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Records per fixture batch: batch b (0..5) holds b + 2 records.</summary>
    private static int Records(int batch) => batch + 2;

    private static byte Label(int batch, int record) => (byte)((batch * 3 + record) % 10);

    /// <summary>Pixel byte of channel c, row y, column x of a record.</summary>
    private static byte Pixel(int batch, int record, int c, int y, int x) => (byte)((batch * 41 + record * 17 + c * 85 + y * 7 + x * 3) % 256);

    private static byte[] Batch(int batch)
    {
        int n = Records(batch);
        var bytes = new byte[n * R];
        for (int r = 0; r < n; r++)
        {
            bytes[r * R] = Label(batch, r);
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < 32; y++)
                {
                    for (int x = 0; x < 32; x++)
                    {
                        bytes[r * R + 1 + c * 1024 + y * 32 + x] = Pixel(batch, r, c, y, x);
                    }
                }
            }
        }
        return bytes;
    }

    /// <summary>A .tar.gz with cifar-10-batches-bin/NAME for each batch (optionally replaced or left out).</summary>
    private static byte[] Archive(Func<string, byte[], byte[]?>? edit = null)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "cifar-10-batches-bin/"));
            var names = Cifar10Binary.BatchNames;
            for (int b = 0; b < names.Count; b++)
            {
                byte[]? bytes = edit is null ? Batch(b) : edit(names[b], Batch(b));
                if (bytes is null)
                {
                    continue;
                }
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"cifar-10-batches-bin/{names[b]}") { DataStream = new MemoryStream(bytes) });
            }
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "cifar-10-batches-bin/batches.meta.txt") { DataStream = new MemoryStream("airplane\n"u8.ToArray()) });
        }
        return ms.ToArray();
    }

#pragma warning disable CA5351 // the CIFAR-10 authors publish MD5; the tests compute the fixture's
    private static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351

    private string WriteArchive(byte[] bytes, string? dir = null)
    {
        dir ??= _dir;
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, Cifar10Binary.ArchiveFileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Extract_ThenLoad_ReadsLabelsAndPixelsExactly_InChwOrder_ScaledBy255()
    {
        string batches = Cifar10Binary.Extract(WriteArchive(Archive()), _dir);
        Assert.Equal(Path.Combine(_dir, "cifar-10-batches-bin"), batches);
        Assert.Equal(
            Cifar10Binary.BatchNames.Append("batches.meta.txt").Order(StringComparer.Ordinal),
            Directory.GetFiles(batches).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.Equal([batches], Directory.GetDirectories(_dir)); // no temporary sibling left

        var train = Cifar10Binary.Load<float>(batches, DataPart.Train);
        var test = Cifar10Binary.Load<double>(batches, DataPart.Test);
        Assert.Equal(("cifar-10-train", 2 + 3 + 4 + 5 + 6, 3072, 10), (train.Name, train.Count, train.FeatureCount, train.ClassCount));
        Assert.Equal(("cifar-10-test", 7), (test.Name, test.Count));
        int row = 0;
        for (int b = 0; b < 5; b++)
        {
            for (int r = 0; r < Records(b); r++, row++)
            {
                Assert.Equal(Label(b, r), train.Labels![row]);
                for (int c = 0; c < 3; c++)
                {
                    for (int y = 0; y < 32; y++)
                    {
                        for (int x = 0; x < 32; x++)
                        {
                            // [N, 3·32·32] row-major is [N, 3, 32, 32]: channel, then row, then column.
                            Assert.Equal(Pixel(b, r, c, y, x) / 255f, train.Features.Data[row * 3072 + c * 1024 + y * 32 + x]);
                        }
                    }
                }
            }
        }
        Assert.Equal(Label(5, 6), test.Labels![6]);
        Assert.Equal(Pixel(5, 6, 2, 31, 31) / 255.0, test.Features.Data[6 * 3072 + 3071], 15);
        Assert.Equal(Pixel(5, 0, 1, 1, 2) / 255.0, test.Features.Data[1024 + 32 + 2], 15); // G plane, row 1, column 2
    }

    [Fact]
    public void FromBatches_MapsByteExtremesTo0And1()
    {
        var rec = new byte[R];
        rec[0] = 9;
        rec[1] = 255; // R at (0, 0)
        rec[1 + 1024] = 128; // G at (0, 0)
        var ds = Cifar10Binary.FromBatches<float>([("one.bin", rec)], "x");
        Assert.Equal(9, ds.Labels![0]);
        Assert.Equal(1f, ds.Features.Data[0]);
        Assert.Equal(128 / 255f, ds.Features.Data[1024]);
        Assert.Equal(0f, ds.Features.Data[2048]);
    }

    [Fact]
    public void Catalog_LoadsCifar10_FromDataDir_WhereFetchExtracts_WithPublishedSplit()
    {
        Cifar10Binary.Extract(WriteArchive(Archive()), _dir);
        var info = DataCatalog.Describe("cifar-10");
        Assert.Equal((3072, 10, true), (info.FeatureCount, info.ClassCount, info.NeedsDataDirectory));
        Assert.Equal("airplane", info.ClassNames[0]);
        Assert.Equal(Path.Combine(_dir, "cifar-10-batches-bin"), DataCatalog.LocateCifar10(_dir));
        var (train, test) = DataCatalog.LoadTrainTest<float>("cifar-10", _dir);
        Assert.Equal((20, 7), (train.Count, test.Count));
        var all = DataCatalog.Load<float>("cifar-10", _dir);
        Assert.Equal(27, all.Count);
        Assert.Equal(test.Labels, all.Labels![20..]);
        Environment.SetEnvironmentVariable(DataCatalog.DataDirVariable, _dir);
        Assert.Equal(7, DataCatalog.Load<float>("cifar-10", part: DataPart.Test).Count);
    }

    [Fact]
    public void Catalog_WithoutCifar10_NamesTheDirectoriesSearched_AndTheFetchCommand()
    {
        var ex = Assert.Throws<DataFormatException>(() => DataCatalog.Load<float>("cifar-10", _dir));
        Assert.Contains(Path.Combine(_dir, "cifar-10", "cifar-10-batches-bin"), ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "cifar-10-batches-bin"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("pnn data fetch cifar-10 --to DIR", ex.Message, StringComparison.Ordinal);
        Assert.Contains("test_batch.bin", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);

        var none = Assert.Throws<DataFormatException>(() => DataCatalog.Load<float>("cifar-10"));
        Assert.Contains("PNNKIT_DATA", none.Message, StringComparison.Ordinal);
        Assert.Contains("pnn data fetch cifar-10 --to DIR", none.Message, StringComparison.Ordinal);

        WriteArchive(Archive()); // fetched but never extracted
        var notExtracted = Assert.Throws<DataFormatException>(() => DataCatalog.Load<float>("cifar-10", _dir));
        Assert.Contains("not extracted", notExtracted.Message, StringComparison.Ordinal);
        Assert.Contains($"pnn data fetch cifar-10 --to {_dir}", notExtracted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_WithSomeBatchesMissing_NamesTheMissingFile()
    {
        string batches = Cifar10Binary.Extract(WriteArchive(Archive()), _dir);
        File.Delete(Path.Combine(batches, "data_batch_4.bin"));
        var ex = Assert.Throws<DataFormatException>(() => DataCatalog.Load<float>("cifar-10", _dir));
        Assert.Contains(Path.Combine(batches, "data_batch_4.bin"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("pnn data fetch cifar-10 --to", ex.Message, StringComparison.Ordinal);
        var direct = Assert.Throws<DataFormatException>(() => Cifar10Binary.Load<float>(batches));
        Assert.Contains("data_batch_4.bin: batch file not found", direct.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckBatch_RejectsShortFile_NamingFileAndRecordSize()
    {
        var ex = Assert.Throws<DataFormatException>(() => Cifar10Binary.CheckBatch(new byte[100], "a.bin"));
        Assert.Equal("a.bin: 100 bytes, less than one record; expected records of 3073 bytes (1 label byte (0–9), then 1,024 R, 1,024 G and 1,024 B bytes), 10000 of them in an official batch.", ex.Message);
    }

    [Fact]
    public void CheckBatch_RejectsTruncatedRecord_NamingRecordAndOffset()
    {
        var ex = Assert.Throws<DataFormatException>(() => Cifar10Binary.CheckBatch(Batch(1).AsSpan(0, 2 * R + 5), "b.bin"));
        Assert.Equal($"b.bin: record 2 (byte offset {2 * R}) is truncated: 5 of 3073 bytes; expected a whole number of 3073-byte records, file is {2 * R + 5} bytes.", ex.Message);
    }

    [Fact]
    public void CheckBatch_RejectsLabelAbove9_NamingRecord()
    {
        var bytes = Batch(1);
        bytes[2 * R] = 10;
        var ex = Assert.Throws<DataFormatException>(() => Cifar10Binary.CheckBatch(bytes, "c.bin"));
        Assert.Equal($"c.bin: record 2 (byte offset {2 * R}): label 10; expected a class in 0..9.", ex.Message);
    }

    [Fact]
    public void CheckBatch_RejectsWrongRecordCount_WhenOneIsExpected()
    {
        Assert.Equal(3, Cifar10Binary.CheckBatch(Batch(1), "d.bin", 3));
        var ex = Assert.Throws<DataFormatException>(() => Cifar10Binary.CheckBatch(Batch(1), "d.bin", Cifar10Binary.RecordsPerBatch));
        Assert.Equal($"d.bin: 3 records ({3 * R} bytes); expected 10000 records of 3073 bytes.", ex.Message);
    }

    [Fact]
    public void Extract_RejectsArchiveMissingABatch_AndLeavesNoFolder()
    {
        string archive = WriteArchive(Archive((name, bytes) => name == "data_batch_3.bin" ? null : bytes));
        var ex = Assert.Throws<DataFormatException>(() => Cifar10Binary.Extract(archive, _dir));
        Assert.Equal($"{archive}: no cifar-10-batches-bin/data_batch_3.bin in the archive; expected data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin under cifar-10-batches-bin/.", ex.Message);
        Assert.Empty(Directory.GetDirectories(_dir));
    }

    [Fact]
    public void Extract_RejectsBadLabelOrTruncatedMember_NamingArchiveMemberAndRecord()
    {
        string bad = WriteArchive(Archive((name, bytes) =>
        {
            if (name == "test_batch.bin")
            {
                bytes[4 * R] = 200;
            }
            return bytes;
        }));
        var ex = Assert.Throws<DataFormatException>(() => Cifar10Binary.Extract(bad, _dir));
        Assert.Equal($"{bad}: cifar-10-batches-bin/test_batch.bin: record 4 (byte offset {4 * R}): label 200; expected a class in 0..9.", ex.Message);
        Assert.Empty(Directory.GetDirectories(_dir));

        string cut = WriteArchive(Archive((name, bytes) => name == "data_batch_2.bin" ? bytes[..(R + 1)] : bytes));
        var ex2 = Assert.Throws<DataFormatException>(() => Cifar10Binary.Extract(cut, _dir));
        Assert.StartsWith($"{cut}: cifar-10-batches-bin/data_batch_2.bin: record 1 (byte offset {R}) is truncated: 1 of 3073 bytes", ex2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_RejectsCorruptGzip_NamingArchive()
    {
        var bytes = Archive();
        string archive = WriteArchive(bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<DataFormatException>(() => Cifar10Binary.Extract(archive, _dir));
        Assert.StartsWith($"{archive}: ", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_dir));
    }

    [Fact]
    public async Task Fetch_WithMatchingMd5_DownloadsVerifiesAndExtracts_WhereTheCatalogFindsIt()
    {
        var archive = Archive();
        string md5 = Md5(archive);
        // The fixture is not the real archive, so the set is given the fixture's MD5 (as the MNIST
        // fetch tests pass their own checksums) and served from 127.0.0.1 as a --mirror would be.
        var set = RemoteDataset.Cifar10 with { Files = [new(Cifar10Binary.ArchiveFileName, md5, ChecksumKind.Md5)] };
        using var server = new LoopbackHttpServer(new() { [Cifar10Binary.ArchiveFileName] = archive });
        using var dl = new Downloader(_http);
        var log = new List<string>();
        string dir = await dl.FetchAsync(set, _dir, new DownloadOptions { BaseUrl = server.BaseUrl, Log = log.Add });
        Assert.Equal(_dir, dir);
        Assert.Equal(archive, await File.ReadAllBytesAsync(Path.Combine(_dir, Cifar10Binary.ArchiveFileName)));
        Assert.Contains(log, l => l.Contains("MD5 verified", StringComparison.Ordinal));
        Assert.Equal(["GET /cifar-10-binary.tar.gz"], server.Requests.ToArray());
        Assert.Equal((20, 7), (DataCatalog.Load<float>("cifar-10", _dir, DataPart.Train).Count, DataCatalog.Load<float>("cifar-10", _dir, DataPart.Test).Count));

        // A second fetch finds the verified archive and does not download again.
        await dl.FetchAsync(set, _dir, new DownloadOptions { BaseUrl = server.BaseUrl });
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Fetch_ByName_RejectsContentNotMatchingPublishedMd5_AndKeepsNothing()
    {
        var archive = Archive();
        using var server = new LoopbackHttpServer(new() { [Cifar10Binary.ArchiveFileName] = archive });
        using var dl = new Downloader(_http);
        string to = Path.Combine(_dir, "to");
        var ex = await Assert.ThrowsAsync<DataFormatException>(() => dl.FetchAsync("cifar-10", to, new DownloadOptions { BaseUrl = server.BaseUrl }));
        Assert.Contains("MD5 " + Md5(archive), ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected c32a1d4ab5d03f1284b67883e8d87530", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(to));
    }

    [Fact]
    public void RemoteSet_IsTheAuthorsArchive_WithTheirPublishedMd5()
    {
        var set = RemoteDataset.Get("cifar-10");
        Assert.Equal(["https://www.cs.toronto.edu/~kriz/"], set.BaseUrls);
        var file = Assert.Single(set.Files);
        Assert.Equal(new RemoteFile("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", ChecksumKind.Md5), file);
        Assert.Equal("MD5", file.KindName);
    }
}
