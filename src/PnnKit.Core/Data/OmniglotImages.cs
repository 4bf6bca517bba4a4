using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>
/// Omniglot (Lake, Salakhutdinov &amp; Tenenbaum, Science 350, 1332 (2015)): 1,623 handwritten characters of 50 alphabets,
/// 20 drawers each, 105×105 black-on-white PNGs, published as images_background.zip (964 characters, 30 alphabets) and
/// images_evaluation.zip (659 characters, 20 alphabets) at github.com/brendenlake/omniglot (the files and MD5s torchvision's
/// <c>Omniglot</c> fetches). <c>pnn data fetch omniglot --to DIR</c> downloads, verifies and extracts both to
/// DIR/images_background/ALPHABET/CHARACTER/*.png and DIR/images_evaluation/…; <see cref="Load{T}"/> reads them as one
/// 1,623-way classification (the task Taichi reports 91.89 % on), ink = 1, resized by area averaging.
/// </summary>
public static class OmniglotImages
{
    /// <summary>The two archives, in class order.</summary>
    public static IReadOnlyList<string> Parts { get; } = ["images_background", "images_evaluation"];

    /// <summary>Side of the published images, pixels.</summary>
    public const int PublishedSide = 105;

    /// <summary>Extracts the fetched archives in <paramref name="directory"/> next to them (replacing earlier copies); returns the folders.</summary>
    public static IReadOnlyList<string> Extract(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var folders = new List<string>();
        foreach (string part in Parts)
        {
            string zip = Path.Combine(directory, part + ".zip");
            try
            {
                ZipFile.ExtractToDirectory(zip, directory, overwriteFiles: true);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException($"{zip}: not a readable zip archive ({e.Message}); fetch it again with `pnn data fetch omniglot --to {directory}`.");
            }
            string folder = Path.Combine(directory, part);
            if (!Directory.Exists(folder))
            {
                throw new DataFormatException($"{zip}: the archive holds no {part}/ folder.");
            }
            folders.Add(folder);
        }
        return folders;
    }

    /// <summary>
    /// The characters under <paramref name="root"/> (the fetch directory) as a train and a test set: every character is a class
    /// (background alphabets first, then evaluation; alphabets and characters in ordinal order); of its drawings (file-name
    /// order) the first <paramref name="trainPerClass"/> train and the rest test (assumption: the paper's split is not known here).
    /// Images are resized to <paramref name="side"/>² by area averaging, ink = 1.
    /// </summary>
    public static (Dataset<T> Train, Dataset<T> Test) Load<T>(string root, int side = 28, int trainPerClass = 15) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(root);
        if (side < 1 || side > PublishedSide)
        {
            throw new ArgumentOutOfRangeException(nameof(side), $"side must be 1–{PublishedSide} pixels; got {side}.");
        }
        if (trainPerClass < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trainPerClass), $"trainPerClass must be ≥ 1; got {trainPerClass}.");
        }
        var characters = Parts.Select(p => Path.Combine(root, p)).Where(Directory.Exists)
            .SelectMany(p => Directory.GetDirectories(p).Order(StringComparer.Ordinal))
            .SelectMany(a => Directory.GetDirectories(a).Order(StringComparer.Ordinal)).ToList();
        if (characters.Count == 0)
        {
            throw new DataFormatException($"omniglot: no character folders under {root}/images_background or {root}/images_evaluation; run `pnn data fetch omniglot --to {root}`.");
        }
        var train = new List<(float[] Image, int Label)>();
        var test = new List<(float[] Image, int Label)>();
        for (int c = 0; c < characters.Count; c++)
        {
            var files = Directory.GetFiles(characters[c], "*.png").Order(StringComparer.Ordinal).ToArray();
            for (int i = 0; i < files.Length; i++)
            {
                var (gray, w, h) = Png.ReadGray(files[i]);
                (i < trainPerClass ? train : test).Add((Resize(gray, w, h, side), c));
            }
        }
        return (ToDataset<T>("omniglot-train", train, side, characters.Count), ToDataset<T>("omniglot-test", test, side, characters.Count));
    }

    private static Dataset<T> ToDataset<T>(string name, List<(float[] Image, int Label)> rows, int side, int classes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new Tensor<T>(rows.Count, side * side);
        for (int r = 0; r < rows.Count; r++)
        {
            var row = x.Row(r);
            for (int p = 0; p < row.Length; p++)
            {
                row[p] = T.CreateChecked(rows[r].Image[p]);
            }
        }
        return new Dataset<T>(name, x, [.. rows.Select(r => r.Label)], classes);
    }

    /// <summary>Area-average resize of a w×h gray image in [0, 1] (1 = white paper) to side², inverted so ink is 1.</summary>
    internal static float[] Resize(float[] gray, int w, int h, int side)
    {
        var o = new float[side * side];
        for (int r = 0; r < side; r++)
        {
            double y0 = (double)r * h / side, y1 = (double)(r + 1) * h / side;
            for (int c = 0; c < side; c++)
            {
                double x0 = (double)c * w / side, x1 = (double)(c + 1) * w / side, sum = 0;
                for (int y = (int)y0; y < Math.Min(h, (int)Math.Ceiling(y1)); y++)
                {
                    double wy = Math.Min(y + 1, y1) - Math.Max(y, y0);
                    for (int x = (int)x0; x < Math.Min(w, (int)Math.Ceiling(x1)); x++)
                    {
                        double wx = Math.Min(x + 1, x1) - Math.Max(x, x0);
                        sum += wy * wx * (1 - gray[(y * w) + x]);
                    }
                }
                o[(r * side) + c] = (float)(sum / ((y1 - y0) * (x1 - x0)));
            }
        }
        return o;
    }
}

/// <summary>A minimal PNG reader for grayscale images (colour type 0, bit depth 1, 2, 4 or 8, not interlaced), as Omniglot's are.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>The image in <paramref name="path"/> as gray values in [0, 1], row-major, with its width and height.</summary>
    public static (float[] Gray, int Width, int Height) ReadGray(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new DataFormatException($"{path}: not a PNG file.");
        }
        int width = 0, height = 0, depth = 0, at = 8;
        using var idat = new MemoryStream();
        while (at + 8 <= bytes.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            if (length < 0 || at + 12 + length > bytes.Length)
            {
                throw new DataFormatException($"{path}: truncated PNG chunk {type}.");
            }
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                depth = data[8];
                if (data[9] != 0 || data[12] != 0 || depth is not (1 or 2 or 4 or 8) || width < 1 || height < 1)
                {
                    throw new DataFormatException($"{path}: only non-interlaced grayscale PNGs of 1, 2, 4 or 8 bits are read (colour type {data[9]}, depth {depth}, interlace {data[12]}).");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            else if (type == "IEND")
            {
                break;
            }
            at += 12 + length;
        }
        if (width == 0)
        {
            throw new DataFormatException($"{path}: PNG without an IHDR chunk.");
        }
        int stride = ((width * depth) + 7) / 8;
        var raw = new byte[height * (stride + 1)];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            try
            {
                z.ReadExactly(raw);
            }
            catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
            {
                throw new DataFormatException($"{path}: PNG image data is truncated or corrupt ({e.Message}).");
            }
        }
        var prev = new byte[stride];
        var line = new byte[stride];
        var gray = new float[width * height];
        int bpp = Math.Max(1, depth / 8);
        float max = (1 << depth) - 1;
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            raw.AsSpan((y * (stride + 1)) + 1, stride).CopyTo(line);
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? line[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
                line[i] = (byte)(line[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new DataFormatException($"{path}: unknown PNG filter {filter} in row {y}."),
                });
            }
            for (int x = 0; x < width; x++)
            {
                int bit = x * depth;
                int v = (line[bit / 8] >> (8 - depth - (bit % 8))) & ((1 << depth) - 1);
                gray[(y * width) + x] = v / max;
            }
            (prev, line) = (line, prev);
        }
        return (gray, width, height);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
