using PnnKit.Core.Data;

namespace PnnKit.Core.Tests.Data;

/// <summary>Catalog tests share PNNKIT_DATA and the system Fashion-MNIST path; xUnit runs a class's tests one at a time.</summary>
public sealed class DataCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pnnkit-cat-").FullName;
    private readonly string? _savedEnv = Environment.GetEnvironmentVariable(DataCatalog.DataDirVariable);
    private readonly string _savedSystemDir = DataCatalog.SystemFashionMnistDir;

    public DataCatalogTests() => Environment.SetEnvironmentVariable(DataCatalog.DataDirVariable, null);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(DataCatalog.DataDirVariable, _savedEnv);
        DataCatalog.SystemFashionMnistDir = _savedSystemDir;
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Writes a tiny MNIST-format set (3 train, 2 test images of 28×28) into <paramref name="dir"/>.</summary>
    private static void WriteFixture(string dir, bool gzip)
    {
        Directory.CreateDirectory(dir);
        string ext = gzip ? ".gz" : "";
        foreach (var (prefix, n) in new[] { ("train", 3), ("t10k", 2) })
        {
            var px = new byte[n * 784];
            for (int i = 0; i < px.Length; i++)
            {
                px[i] = (byte)(i % 256);
            }
            IdxWriter.Write(Path.Combine(dir, $"{prefix}-images-idx3-ubyte{ext}"), new IdxArray([n, 28, 28], px));
            IdxWriter.Write(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte{ext}"), new IdxArray([n], Enumerable.Range(0, n).Select(i => (byte)(i + 1)).ToArray()));
        }
    }

    [Fact]
    public void Catalog_ListsEveryName_AndRejectsUnknownOnes()
    {
        Assert.Equal(["iris", "mnist-subset", "mnist", "fashion-mnist", "cifar-10", "moons", "circles", "rings", "xor", "spirals"], DataCatalog.Names);
        var ex = Assert.Throws<ArgumentException>(() => DataCatalog.Load<float>("cifar"));
        Assert.Contains("mnist-subset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_LoadsBundledAndSyntheticSets_WithSeededTrainTestParts()
    {
        Assert.Equal(2000, DataCatalog.Load<float>("mnist-subset", part: DataPart.Test).Count);
        var (train, test) = DataCatalog.LoadTrainTest<double>("iris");
        Assert.Equal((120, 30), (train.Count, test.Count));
        var opts = new SyntheticOptions { Count = 50, Seed = 9, Noise = 0 };
        Assert.Equal(40, DataCatalog.Load<float>("spirals", part: DataPart.Train, synthetic: opts).Count);
        Assert.Equal(50, DataCatalog.Load<float>("rings", synthetic: opts).Count);
    }

    [Fact]
    public void Catalog_LoadsMnistFromDataDir_DownloaderLayout_PlainOrGzip()
    {
        WriteFixture(Path.Combine(_dir, "mnist"), gzip: true);
        var test = DataCatalog.Load<float>("mnist", _dir, DataPart.Test);
        Assert.Equal((2, 784), (test.Count, test.FeatureCount));
        Assert.Equal([1, 2], test.Labels!);
        Assert.Equal(5, DataCatalog.Load<float>("mnist", _dir).Count);

        string plain = Path.Combine(_dir, "plain");
        WriteFixture(plain, gzip: false);
        Environment.SetEnvironmentVariable(DataCatalog.DataDirVariable, plain);
        Assert.Equal(3, DataCatalog.Load<float>("mnist", null, DataPart.Train).Count);
    }

    [Fact]
    public void Catalog_FindsTorchvisionLayout_ForFashionMnist()
    {
        WriteFixture(Path.Combine(_dir, "FashionMNIST", "raw"), gzip: true);
        Assert.Equal(3, DataCatalog.Load<float>("fashion-mnist", _dir, DataPart.Train).Count);
    }

    [Fact]
    public void Catalog_NamesDirectory_WhenDataDirIsMissing()
    {
        string missing = Path.Combine(_dir, "nope");
        var ex = Assert.Throws<DataFormatException>(() => DataCatalog.Load<float>("mnist", missing));
        Assert.StartsWith($"{missing}: data directory (--data-dir) not found; expected", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Catalog_ListsPlacesLooked_WhenFilesAreAbsent()
    {
        DataCatalog.SystemFashionMnistDir = Path.Combine(_dir, "no-debian-package");
        var ex = Assert.Throws<DataFormatException>(() => DataCatalog.Load<float>("fashion-mnist", _dir));
        Assert.Contains(Path.Combine(_dir, "fashion-mnist"), ex.Message, StringComparison.Ordinal);
        Assert.Contains("no-debian-package", ex.Message, StringComparison.Ordinal);
        Assert.Contains("dataset-fashion-mnist", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<DataFormatException>(() => DataCatalog.Load<float>("mnist"));
        Assert.Contains("PNNKIT_DATA is not set", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_NamesCorruptFile_InTheDataDir()
    {
        string dir = Path.Combine(_dir, "mnist");
        WriteFixture(dir, gzip: true);
        string bad = Path.Combine(dir, "t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(bad, File.ReadAllBytes(bad)[..12]);
        var ex = Assert.Throws<DataFormatException>(() => DataCatalog.Load<float>("mnist", _dir, DataPart.Test));
        Assert.Contains(bad, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_LoadsDebianFashionMnist_WhenThePackageIsInstalled()
    {
        // Runs its check only where `apt-get install dataset-fashion-mnist` has been done; elsewhere
        // the absent-package path is covered by Catalog_ListsPlacesLooked_WhenFilesAreAbsent.
        if (!File.Exists(Path.Combine(DataCatalog.DebianFashionMnistDir, "t10k-labels-idx1-ubyte.gz")))
        {
            return;
        }
        var test = DataCatalog.Load<float>("fashion-mnist", null, DataPart.Test);
        Assert.Equal((10_000, 784), (test.Count, test.FeatureCount));
        Assert.Equal(1000, test.Labels!.Count(y => y == 9)); // 1,000 test images per class (Xiao et al. 2017)
    }
}
