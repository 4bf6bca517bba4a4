using System.Numerics;
using PnnKit.Core.Random;

namespace PnnKit.Core.Data;

/// <summary>Parameters of the synthetic tasks (ignored by the file-backed sets).</summary>
public sealed record SyntheticOptions
{
    /// <summary>Number of points (train and test together).</summary>
    public int Count { get; init; } = 1000;

    /// <summary>Gaussian noise standard deviation; null uses each task's default (rings 0.05, others 0.1).</summary>
    public double? Noise { get; init; }

    /// <summary>Seed of the generator.</summary>
    public ulong Seed { get; init; }
}

/// <summary>What <see cref="DataCatalog"/> knows about a set name.</summary>
public sealed record DatasetInfo(string Name, string Description, int FeatureCount, int ClassCount, bool NeedsDataDirectory, IReadOnlyList<string> ClassNames);

/// <summary>
/// The one entry point the CLI and the tour use to get data by name:
/// "iris", "mnist-subset" (bundled), "mnist", "fashion-mnist" (IDX files from a data directory),
/// "cifar-10" (binary batches from a data directory), "moons", "circles", "rings", "xor",
/// "spirals" (synthetic, seeded). MNIST-like sets come as [count, 784] features in [0, 1];
/// CIFAR-10 as [count, 3072] in [0, 1], CHW; Iris in cm; synthetic sets as [count, 2].
/// </summary>
public static class DataCatalog
{
    /// <summary>Environment variable naming the data directory when none is passed (the CLI's --data-dir wins).</summary>
    public const string DataDirVariable = "PNNKIT_DATA";

    /// <summary>Where Debian's dataset-fashion-mnist package installs the four files (dpkg -L dataset-fashion-mnist).</summary>
    public const string DebianFashionMnistDir = "/usr/share/datasets/fashion-mnist";

    /// <summary>The system directory searched for fashion-mnist; tests point it elsewhere to simulate the package being absent.</summary>
    internal static string SystemFashionMnistDir { get; set; } = DebianFashionMnistDir;

    /// <summary>Default test fraction for sets without a published split (Iris, synthetic): 20%.</summary>
    public const double DefaultTestFraction = 0.2;

    private static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    // Fashion-MNIST class names in label order (Xiao et al. 2017, README).
    private static readonly string[] Fashion = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Every known set.</summary>
    public static IReadOnlyList<DatasetInfo> Sets { get; } =
    [
        new("iris", "Fisher's Iris, 150 flowers, 4 measurements in cm (bundled)", 4, 3, false, BundledData.IrisClasses),
        new("mnist-subset", "10,000 MNIST digits, 8,000 train / 2,000 test, 28×28 in [0,1] (bundled)", 784, 10, false, Digits),
        new("mnist", "MNIST, 60,000 train / 10,000 test, 28×28 in [0,1] (IDX files in the data directory)", 784, 10, true, Digits),
        new("fashion-mnist", "Fashion-MNIST, 60,000 train / 10,000 test, 28×28 in [0,1] (data directory or Debian dataset-fashion-mnist)", 784, 10, true, Fashion),
        new("cifar-10", "CIFAR-10, 50,000 train / 10,000 test, 32×32 RGB in [0,1], CHW (binary batches in the data directory)", Cifar10Binary.FeatureCount, Cifar10Binary.ClassCount, true, Cifar10Binary.ClassNames),
        new("moons", "two interleaving half circles (synthetic)", 2, 2, false, ["upper", "lower"]),
        new("circles", "two concentric circles, radii 1 and 0.5 (synthetic)", 2, 2, false, ["outer", "inner"]),
        new("rings", "ring 0.4 ≤ r ≤ 0.8 against the rest of [−1,1]², as neuroptica (synthetic)", 2, 2, false, ["ring", "other"]),
        new("xor", "XOR of the signs of x and y (synthetic)", 2, 2, false, ["same sign", "opposite sign"]),
        new("spirals", "two interleaved spirals (synthetic)", 2, 2, false, ["spiral 0", "spiral 1"]),
    ];

    /// <summary>The names accepted by <see cref="Load{T}"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = Sets.Select(s => s.Name).ToArray();

    /// <summary>Information about <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the names when unknown.</summary>
    public static DatasetInfo Describe(string name) =>
        Sets.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown data set \"{name}\"; expected one of {string.Join(", ", Names)}.", nameof(name));

    /// <summary>
    /// Loads a set. For the image sets <paramref name="part"/> picks the published train or test
    /// file pair (All = train rows then test rows). Iris and synthetic sets have no published
    /// split: Train and Test give the parts of <see cref="Splits.TrainTest{T}"/> with test
    /// fraction 0.2, stratified, seeded with the synthetic seed; All gives every row.
    /// <paramref name="dataDir"/> (else $PNNKIT_DATA) is only consulted for mnist, fashion-mnist and cifar-10.
    /// </summary>
    public static Dataset<T> Load<T>(string name, string? dataDir = null, DataPart part = DataPart.All, SyntheticOptions? synthetic = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var info = Describe(name);
        synthetic ??= new SyntheticOptions();
        switch (info.Name)
        {
            case "mnist-subset":
                return BundledData.MnistSubset<T>(part);
            case "mnist":
            case "fashion-mnist":
                return LoadImageSet<T>(info.Name, dataDir, part);
            case "cifar-10":
                return Cifar10Binary.Load<T>(LocateCifar10(dataDir), part, info.Name);
        }
        var all = info.Name == "iris" ? BundledData.Iris<T>() : Generate<T>(info.Name, synthetic);
        if (part == DataPart.All)
        {
            return all;
        }
        var (train, test) = Splits.TrainTest(all, DefaultTestFraction, synthetic.Seed);
        return part == DataPart.Train ? train : test;
    }

    /// <summary>Train and test parts (see <see cref="Load{T}"/> for how each set is divided).</summary>
    public static (Dataset<T> Train, Dataset<T> Test) LoadTrainTest<T>(string name, string? dataDir = null, SyntheticOptions? synthetic = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        (Load<T>(name, dataDir, DataPart.Train, synthetic), Load<T>(name, dataDir, DataPart.Test, synthetic));

    /// <summary>
    /// Train, validation and test parts: the test part as <see cref="LoadTrainTest{T}"/> gives it, and
    /// <paramref name="validationFraction"/> of the training part held out (stratified, seeded with
    /// <paramref name="seed"/>) for every choice a run makes.
    /// </summary>
    public static DataSplits<T> LoadSplits<T>(string name, double validationFraction, ulong seed, string? dataDir = null, SyntheticOptions? synthetic = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (train, test) = LoadTrainTest<T>(name, dataDir, synthetic);
        var parts = Splits.Indices(train.Count, train.Labels, [validationFraction], seed);
        return new DataSplits<T>(train.Subset(parts[0]), train.Subset(parts[1], $"{train.Name}-validation"), test);
    }

    /// <summary>
    /// The directory holding <paramref name="name"/>'s four IDX files. Looks in
    /// <paramref name="dataDir"/> (else $PNNKIT_DATA): DIR/NAME (where <see cref="Downloader"/> puts
    /// them), DIR itself, and torchvision's DIR/MNIST/raw or DIR/FashionMNIST/raw; then, for
    /// fashion-mnist only, Debian's <see cref="DebianFashionMnistDir"/>. Each file may be .gz or
    /// uncompressed. Throws <see cref="DataFormatException"/> naming every place looked at.
    /// </summary>
    public static string LocateImageSet(string name, string? dataDir)
    {
        var info = Describe(name);
        if (!info.NeedsDataDirectory || info.Name == "cifar-10")
        {
            throw new ArgumentException($"\"{name}\" is not a set of IDX files in a data directory{(info.Name == "cifar-10" ? $" (use {nameof(LocateCifar10)})" : "")}.", nameof(name));
        }
        string? root = dataDir ?? NullIfEmpty(Environment.GetEnvironmentVariable(DataDirVariable));
        string rootSource = dataDir is not null ? "--data-dir" : DataDirVariable;
        var candidates = new List<string>();
        if (root is not null)
        {
            if (!Directory.Exists(root))
            {
                throw new DataFormatException($"{root}: data directory ({rootSource}) not found; expected a directory holding {info.Name}/train-images-idx3-ubyte.gz and the other three IDX files (fetch them with `pnn data fetch {info.Name} --to {root}/{info.Name}`).");
            }
            string torch = info.Name == "mnist" ? "MNIST" : "FashionMNIST";
            candidates.Add(Path.Combine(root, info.Name));
            candidates.Add(root);
            candidates.Add(Path.Combine(root, torch, "raw"));
        }
        if (info.Name == "fashion-mnist")
        {
            candidates.Add(SystemFashionMnistDir);
        }
        foreach (string dir in candidates)
        {
            if (ImageSets.StandardFileNames.All(f => FindFile(dir, f) is not null))
            {
                return dir;
            }
        }
        string looked = candidates.Count == 0 ? "nowhere (no --data-dir given and PNNKIT_DATA is not set)" : string.Join(", ", candidates);
        string hint = info.Name == "fashion-mnist"
            ? $"pass --data-dir or set {DataDirVariable}, install Debian's dataset-fashion-mnist, or run `pnn data fetch fashion-mnist --to DIR/fashion-mnist`"
            : $"pass --data-dir or set {DataDirVariable}, or run `pnn data fetch mnist --to DIR/mnist`";
        throw new DataFormatException($"{info.Name}: IDX files not found; looked in {looked}; expected {string.Join(", ", ImageSets.StandardFileNames)} (or without .gz); {hint}.");
    }

    /// <summary>
    /// The directory holding CIFAR-10's six binary batch files. Looks in <paramref name="dataDir"/>
    /// (else $PNNKIT_DATA): DIR/cifar-10/cifar-10-batches-bin, DIR/cifar-10-batches-bin (where
    /// `pnn data fetch cifar-10 --to DIR` extracts them), DIR/cifar-10 and DIR itself. A folder
    /// holding some batches but not all is reported as such. Throws <see cref="DataFormatException"/>
    /// naming every place looked at and the fetch command.
    /// </summary>
    public static string LocateCifar10(string? dataDir)
    {
        string? root = dataDir ?? NullIfEmpty(Environment.GetEnvironmentVariable(DataDirVariable));
        string rootSource = dataDir is not null ? "--data-dir" : DataDirVariable;
        string batches = Cifar10Binary.BatchDirectoryName;
        if (root is null)
        {
            throw new DataFormatException($"cifar-10: binary batch files not found; looked nowhere (no --data-dir given and {DataDirVariable} is not set); run `pnn data fetch cifar-10 --to DIR`, then pass --data-dir DIR or set {DataDirVariable}=DIR.");
        }
        if (!Directory.Exists(root))
        {
            throw new DataFormatException($"{root}: data directory ({rootSource}) not found; expected a directory holding {batches}/data_batch_1.bin … test_batch.bin (fetch them with `pnn data fetch cifar-10 --to {root}`).");
        }
        string[] candidates =
        [
            Path.Combine(root, "cifar-10", batches),
            Path.Combine(root, batches),
            Path.Combine(root, "cifar-10"),
            root,
        ];
        foreach (string dir in candidates)
        {
            string? missing = Cifar10Binary.MissingBatch(dir);
            if (missing is null)
            {
                return dir;
            }
            if (Cifar10Binary.BatchNames.Any(b => File.Exists(Path.Combine(dir, b))))
            {
                throw new DataFormatException($"{Path.Combine(dir, missing)}: batch file not found; {dir} holds only some of {string.Join(", ", Cifar10Binary.BatchNames)}; run `pnn data fetch cifar-10 --to {root}` to fetch and extract them again.");
            }
        }
        string? archive = new[] { root, Path.Combine(root, "cifar-10") }.Select(d => Path.Combine(d, Cifar10Binary.ArchiveFileName)).FirstOrDefault(File.Exists);
        string found = archive is null ? "" : $"; {archive} is there but not extracted";
        throw new DataFormatException($"cifar-10: binary batch files not found; looked in {string.Join(", ", candidates)}; expected {string.Join(", ", Cifar10Binary.BatchNames)}{found}; run `pnn data fetch cifar-10 --to {(archive is null ? "DIR" : Path.GetDirectoryName(archive))}` (it verifies and extracts the archive), then pass --data-dir DIR or set {DataDirVariable}.");
    }

    private static Dataset<T> LoadImageSet<T>(string name, string? dataDir, DataPart part) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string dir = LocateImageSet(name, dataDir);
        Dataset<T> Pair(string prefix, string suffix) => ImageSets.Load<T>(
            FindFile(dir, $"{prefix}-images-idx3-ubyte.gz")!,
            FindFile(dir, $"{prefix}-labels-idx1-ubyte.gz")!,
            $"{name}{suffix}");
        return part switch
        {
            DataPart.Train => Pair("train", "-train"),
            DataPart.Test => Pair("t10k", "-test"),
            _ => BundledData.Concat(Pair("train", ""), Pair("t10k", ""), name),
        };
    }

    private static Dataset<T> Generate<T>(string name, SyntheticOptions o) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(o.Seed).Split(name);
        return name switch
        {
            "moons" => Synthetic.TwoMoons<T>(o.Count, o.Noise ?? 0.1, rng),
            "circles" => Synthetic.Circles<T>(o.Count, o.Noise ?? 0.1, rng),
            "rings" => Synthetic.Rings<T>(o.Count, o.Noise ?? 0.05, rng),
            "xor" => Synthetic.Xor<T>(o.Count, o.Noise ?? 0.1, rng),
            "spirals" => Synthetic.Spirals<T>(o.Count, o.Noise ?? 0.1, rng),
            _ => throw new ArgumentException($"Unknown synthetic set \"{name}\".", nameof(name)),
        };
    }

    /// <summary>The .gz file, else the uncompressed one, else null.</summary>
    private static string? FindFile(string dir, string gzName)
    {
        string gz = Path.Combine(dir, gzName);
        if (File.Exists(gz))
        {
            return gz;
        }
        string plain = gz[..^3];
        return File.Exists(plain) ? plain : null;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
