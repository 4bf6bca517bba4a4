using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>
/// CIFAR-10, binary version (Krizhevsky 2009; https://www.cs.toronto.edu/~kriz/cifar.html).
/// cifar-10-binary.tar.gz holds cifar-10-batches-bin/data_batch_1.bin … data_batch_5.bin (train)
/// and test_batch.bin (test), each 10,000 records of 3,073 bytes: one label byte (0–9), then the
/// 32×32 red, green and blue planes (1,024 bytes each, row-major). Features are [count, 3072] in
/// [0, 1] (byte / 255) in that same channel-major CHW order, so a row reshaped to [3, 32, 32] is
/// what a PyTorch CNN trained on torchvision's CIFAR10 with ToTensor() reads.
/// </summary>
public static class Cifar10Binary
{
    /// <summary>The archive's name on the authors' page.</summary>
    public const string ArchiveFileName = "cifar-10-binary.tar.gz";

    /// <summary>The folder inside the archive (and under the data directory once extracted).</summary>
    public const string BatchDirectoryName = "cifar-10-batches-bin";

    /// <summary>Image side in pixels.</summary>
    public const int Side = 32;

    /// <summary>Colour channels (R, G, B).</summary>
    public const int Channels = 3;

    /// <summary>Features per image: 3 · 32 · 32.</summary>
    public const int FeatureCount = Channels * Side * Side;

    /// <summary>Bytes per record: the label byte and the pixels.</summary>
    public const int RecordBytes = 1 + FeatureCount;

    /// <summary>Records in each official batch file.</summary>
    public const int RecordsPerBatch = 10_000;

    /// <summary>Number of classes.</summary>
    public const int ClassCount = 10;

    /// <summary>The class names in label order (batches.meta.txt).</summary>
    public static readonly IReadOnlyList<string> ClassNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>The five training batches, in the order their records are concatenated.</summary>
    public static readonly IReadOnlyList<string> TrainBatchNames = ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    /// <summary>The test batch.</summary>
    public const string TestBatchName = "test_batch.bin";

    /// <summary>All six batch files.</summary>
    public static readonly IReadOnlyList<string> BatchNames = [.. TrainBatchNames, TestBatchName];

    private const string Expected = "1 label byte (0–9), then 1,024 R, 1,024 G and 1,024 B bytes";

    /// <summary>
    /// Checks one batch file's bytes and returns its record count: a non-empty whole number of
    /// 3,073-byte records (<paramref name="expectedRecords"/> of them when given) whose label bytes
    /// are 0–9. Throws <see cref="DataFormatException"/> naming <paramref name="name"/>, the record
    /// (0-based) and what was expected.
    /// </summary>
    public static int CheckBatch(ReadOnlySpan<byte> bytes, string name, int? expectedRecords = null)
    {
        if (bytes.Length < RecordBytes)
        {
            throw new DataFormatException(Invariant($"{name}: {bytes.Length} bytes, less than one record; expected records of {RecordBytes} bytes ({Expected}), {RecordsPerBatch} of them in an official batch."));
        }
        int count = bytes.Length / RecordBytes;
        int rest = bytes.Length % RecordBytes;
        if (rest != 0)
        {
            throw new DataFormatException(Invariant($"{name}: record {count} (byte offset {(long)count * RecordBytes}) is truncated: {rest} of {RecordBytes} bytes; expected a whole number of {RecordBytes}-byte records, file is {bytes.Length} bytes."));
        }
        if (expectedRecords is int want && count != want)
        {
            throw new DataFormatException(Invariant($"{name}: {count} records ({bytes.Length} bytes); expected {want} records of {RecordBytes} bytes."));
        }
        for (int i = 0; i < count; i++)
        {
            byte label = bytes[i * RecordBytes];
            if (label >= ClassCount)
            {
                throw new DataFormatException(Invariant($"{name}: record {i} (byte offset {(long)i * RecordBytes}): label {label}; expected a class in 0..{ClassCount - 1}."));
            }
        }
        return count;
    }

    /// <summary>
    /// Builds one dataset from batch files' bytes, records in the order given; each (name, bytes)
    /// pair is checked with <see cref="CheckBatch"/> first.
    /// </summary>
    public static Dataset<T> FromBatches<T>(IReadOnlyList<(string Name, byte[] Bytes)> batches, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(batches);
        int total = 0;
        foreach (var (file, bytes) in batches)
        {
            total += CheckBatch(bytes, file);
        }
        var scale = new T[256];
        for (int v = 0; v < 256; v++)
        {
            scale[v] = T.CreateChecked(v / 255.0);
        }
        var x = new Tensor<T>(total, FeatureCount);
        var y = new int[total];
        var data = x.Data;
        int row = 0;
        foreach (var (_, bytes) in batches)
        {
            for (int off = 0; off < bytes.Length; off += RecordBytes, row++)
            {
                y[row] = bytes[off];
                // The record's pixel bytes are already R plane, G plane, B plane: CHW.
                var pixels = bytes.AsSpan(off + 1, FeatureCount);
                var dst = data.AsSpan(row * FeatureCount, FeatureCount);
                for (int j = 0; j < FeatureCount; j++)
                {
                    dst[j] = scale[pixels[j]];
                }
            }
        }
        return new Dataset<T>(name, x, y, ClassCount);
    }

    /// <summary>
    /// The first of the six batch files missing from <paramref name="directory"/>, or null when all
    /// are there.
    /// </summary>
    public static string? MissingBatch(string directory) =>
        BatchNames.FirstOrDefault(f => !File.Exists(Path.Combine(directory, f)));

    /// <summary>
    /// Loads the published train part (data_batch_1..5, in order), test part (test_batch) or both
    /// (train rows then test rows) from a directory holding the six .bin files.
    /// </summary>
    public static Dataset<T> Load<T>(string directory, DataPart part = DataPart.All, string name = "cifar-10")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (MissingBatch(directory) is string missing)
        {
            throw new DataFormatException($"{Path.Combine(directory, missing)}: batch file not found; expected {string.Join(", ", BatchNames)} in {directory} (from {ArchiveFileName}).");
        }
        IEnumerable<string> files = part switch
        {
            DataPart.Train => TrainBatchNames,
            DataPart.Test => [TestBatchName],
            _ => BatchNames,
        };
        string suffix = part switch { DataPart.Train => "-train", DataPart.Test => "-test", _ => "" };
        var batches = files.Select(f => Path.Combine(directory, f)).Select(p => (p, File.ReadAllBytes(p))).ToArray();
        return FromBatches<T>(batches, name + suffix);
    }

    /// <summary>
    /// Extracts the six batch files of <paramref name="archivePath"/> (a .tar.gz) into
    /// <paramref name="directory"/>/cifar-10-batches-bin and returns that path. Only regular-file
    /// members named cifar-10-batches-bin/BATCH (BATCH one of <see cref="BatchNames"/>, or
    /// batches.meta.txt) are written; every other member is skipped, so no path from the archive
    /// reaches the file system. Each batch is checked with <see cref="CheckBatch"/>. The files go
    /// to a temporary sibling folder that replaces the target only once all six are written and
    /// checked, so a failure leaves no partial folder. Throws <see cref="DataFormatException"/>
    /// naming the archive for a corrupt gzip or tar stream, a bad batch or a missing one.
    /// </summary>
    public static string Extract(string archivePath, string directory)
    {
        ArgumentNullException.ThrowIfNull(archivePath);
        ArgumentNullException.ThrowIfNull(directory);
        string target = Path.Combine(directory, BatchDirectoryName);
        string temp = Path.Combine(directory, $".{BatchDirectoryName}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                using var file = File.OpenRead(archivePath);
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                using var tar = new TarReader(gzip);
                while (tar.GetNextEntry() is TarEntry entry)
                {
                    string member = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                    string leaf = member.StartsWith(BatchDirectoryName + "/", StringComparison.Ordinal) ? member[(BatchDirectoryName.Length + 1)..] : "";
                    bool wanted = BatchNames.Contains(leaf, StringComparer.Ordinal) || leaf == "batches.meta.txt";
                    if (!wanted || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    {
                        continue;
                    }
                    using var buffer = new MemoryStream();
                    entry.DataStream.CopyTo(buffer);
                    byte[] bytes = buffer.ToArray();
                    if (leaf != "batches.meta.txt")
                    {
                        CheckBatch(bytes, $"{archivePath}: {member}");
                        seen.Add(leaf);
                    }
                    File.WriteAllBytes(Path.Combine(temp, leaf), bytes);
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
            {
                throw new DataFormatException($"{archivePath}: corrupt archive: {IdxReader.OneLine(ex.Message)}; expected a gzip-compressed tar holding {BatchDirectoryName}/ with the six batch files.", ex);
            }
            if (BatchNames.FirstOrDefault(b => !seen.Contains(b)) is string missing)
            {
                throw new DataFormatException($"{archivePath}: no {BatchDirectoryName}/{missing} in the archive; expected {string.Join(", ", BatchNames)} under {BatchDirectoryName}/.");
            }
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
            Directory.Move(temp, target);
            return target;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
