using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>
/// MNIST-like image sets (28×28 unsigned-byte images with byte labels in IDX files) as datasets:
/// features of shape [count, rows·cols] scaled to [0, 1] by /255, one row per image in file order.
/// </summary>
public static class ImageSets
{
    /// <summary>The four file names of the MNIST and Fashion-MNIST distributions (LeCun et al.; Xiao et al. 2017).</summary>
    public static readonly IReadOnlyList<string> StandardFileNames =
    [
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
    ];

    /// <summary>Loads an image/label IDX file pair (each plain or gzip).</summary>
    public static Dataset<T> Load<T>(string imagesPath, string labelsPath, string name, int classCount = 10)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        return FromIdx<T>(images, imagesPath, labels, labelsPath, name, classCount);
    }

    /// <summary>Builds a dataset from parsed IDX arrays; the names are used in error messages.</summary>
    public static Dataset<T> FromIdx<T>(IdxArray images, string imagesName, IdxArray labels, string labelsName, string name, int classCount = 10)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        var (pixels, count, rows, cols) = IdxReader.AsImages(images, imagesName);
        var y = IdxReader.AsLabels(labels, labelsName);
        if (y.Length != count)
        {
            throw new DataFormatException($"{labelsName}: {y.Length} labels but {imagesName} holds {count} images; expected one label per image.");
        }
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] >= classCount)
            {
                // IDX label data starts after the 4-byte magic and one 4-byte size (offset 8).
                throw new DataFormatException($"{labelsName}: offset {8 + i}: label {y[i]}; expected a class in 0..{classCount - 1}.");
            }
        }
        var x = new Tensor<T>(count, rows * cols);
        var scale = new T[256];
        for (int v = 0; v < 256; v++)
        {
            scale[v] = T.CreateChecked(v / 255.0); // grey levels 0..255 → [0, 1]
        }
        var data = x.Data;
        for (int i = 0; i < pixels.Length; i++)
        {
            data[i] = scale[pixels[i]];
        }
        return new Dataset<T>(name, x, y, classCount);
    }
}
