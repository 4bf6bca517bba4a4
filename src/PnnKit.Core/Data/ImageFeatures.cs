using System.Numerics;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>How <see cref="ImageFeatures.FourierFeatures{T}"/> returns the complex coefficients.</summary>
public enum FourierOutput
{
    /// <summary>|F|: k real features per image.</summary>
    Magnitude,

    /// <summary>The k real parts then the k imaginary parts: 2k features (the row layout of <see cref="ComplexTensor{T}"/>).</summary>
    RealImag,
}

/// <summary>
/// Image preprocessing for small physical networks: area-averaging downsampling and low-frequency
/// Fourier features. Images are rows of a [count, height·width] (or [count, height, width]) tensor,
/// row-major, as the MNIST loaders produce.
/// </summary>
public static class ImageFeatures
{
    /// <summary>
    /// Downsamples each image to <paramref name="newHeight"/>×<paramref name="newWidth"/> by area
    /// averaging: every output pixel is the mean of the input area it covers, fractional pixels
    /// weighted by their covered fraction, so 28×28 → 14×14 averages 2×2 blocks, → 7×7 averages 4×4
    /// blocks, and non-divisible sizes still conserve the mean brightness.
    /// </summary>
    public static Tensor<T> Downsample<T>(Tensor<T> images, int height, int width, int newHeight, int newWidth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireImages(images, height, width);
        if (newHeight < 1 || newWidth < 1 || newHeight > height || newWidth > width)
        {
            throw new ArgumentOutOfRangeException(nameof(newHeight), $"Target size {newHeight}×{newWidth} must be between 1×1 and the source {height}×{width}.");
        }
        var wy = AreaWeights(height, newHeight);
        var wx = AreaWeights(width, newWidth);
        int n = images.Rows;
        var result = new Tensor<T>(n, newHeight * newWidth);
        var tmp = new double[height * newWidth];
        for (int i = 0; i < n; i++)
        {
            var src = images.Row(i);
            var dst = result.Row(i);
            // Separable: first along x into tmp[y, ox], then along y.
            Array.Clear(tmp);
            for (int y = 0; y < height; y++)
            {
                foreach (var (ox, sx, w) in wx)
                {
                    tmp[(y * newWidth) + ox] += w * double.CreateChecked(src[(y * width) + sx]);
                }
            }
            var acc = new double[newHeight * newWidth];
            foreach (var (oy, sy, w) in wy)
            {
                for (int ox = 0; ox < newWidth; ox++)
                {
                    acc[(oy * newWidth) + ox] += w * tmp[(sy * newWidth) + ox];
                }
            }
            for (int k = 0; k < acc.Length; k++)
            {
                dst[k] = T.CreateChecked(acc[k]);
            }
        }
        return result;
    }

    /// <summary>The same dataset with downsampled images.</summary>
    public static Dataset<T> Downsample<T>(Dataset<T> data, int height, int width, int newHeight, int newWidth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.WithFeatures(Downsample(data.Features, height, width, newHeight, newWidth), $"{data.Name}-{newHeight}x{newWidth}");
    }

    /// <summary>
    /// The lowest spatial frequencies of each image's 2D DFT, as the Stanford photonics group's
    /// MNIST demos feed them to unitary meshes (neurophox-notebooks mnist.py, MNISTDataProcessor.fourier;
    /// Williamson et al., IEEE JSTQE 26, 7700412 (2020); Pai et al. 2023):
    /// F(u, v) = Σ_y Σ_x img[y, x]·exp(−2πi(u·y/H + v·x/W)) for u, v in −r … r−1, that is the central
    /// 2r×2r block of fftshift(fft2(img)) for even H and W, flattened row-major (u outer, v inner,
    /// both ascending from −r). <paramref name="radius"/> r = 2 gives 16 features, r = 4 gives 64.
    /// With <paramref name="normalize"/> each image's coefficients are divided by their mean
    /// magnitude (neurophox's norm_inputs as it acts on [examples, features]), so mesh input power
    /// does not depend on ink. Returns complex amplitudes of shape [count, (2r)²], ready for an
    /// optical input layer.
    /// </summary>
    public static ComplexTensor<T> LowFrequencyFourier<T>(Tensor<T> images, int height, int width, int radius, bool normalize = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireImages(images, height, width);
        if (radius < 1 || 2 * radius > height || 2 * radius > width)
        {
            throw new ArgumentOutOfRangeException(nameof(radius), $"radius must be in 1..{Math.Min(height, width) / 2} for {height}×{width} images; got {radius}.");
        }
        int side = 2 * radius, k = side * side, n = images.Rows;
        // Twiddles e^{−2πi f p / N} for the few frequencies f needed: an O(N·r) DFT per axis is
        // cheaper than a full FFT when only 2r of N frequencies are kept.
        var (cy, sy) = Twiddles(height, radius);
        var (cx, sx) = Twiddles(width, radius);
        var result = new ComplexTensor<T>(n, k);
        var gRe = new double[height * side];
        var gIm = new double[height * side];
        var fRe = new double[k];
        var fIm = new double[k];
        for (int i = 0; i < n; i++)
        {
            var img = images.Row(i);
            // G[y, v] = Σ_x img[y, x] e^{−2πi v x / W}
            for (int y = 0; y < height; y++)
            {
                for (int v = 0; v < side; v++)
                {
                    double re = 0, im = 0;
                    for (int x = 0; x < width; x++)
                    {
                        double p = double.CreateChecked(img[(y * width) + x]);
                        re += p * cx[(v * width) + x];
                        im += p * sx[(v * width) + x];
                    }
                    gRe[(y * side) + v] = re;
                    gIm[(y * side) + v] = im;
                }
            }
            // F[u, v] = Σ_y G[y, v] e^{−2πi u y / H}
            double sumAbs = 0;
            for (int u = 0; u < side; u++)
            {
                for (int v = 0; v < side; v++)
                {
                    double re = 0, im = 0;
                    for (int y = 0; y < height; y++)
                    {
                        double c = cy[(u * height) + y], s = sy[(u * height) + y];
                        double a = gRe[(y * side) + v], b = gIm[(y * side) + v];
                        re += (a * c) - (b * s);
                        im += (a * s) + (b * c);
                    }
                    fRe[(u * side) + v] = re;
                    fIm[(u * side) + v] = im;
                    sumAbs += Math.Sqrt((re * re) + (im * im));
                }
            }
            double norm = normalize && sumAbs > 0 ? k / sumAbs : 1;
            var oRe = result.Re(i);
            var oIm = result.Im(i);
            for (int j = 0; j < k; j++)
            {
                oRe[j] = T.CreateChecked(fRe[j] * norm);
                oIm[j] = T.CreateChecked(fIm[j] * norm);
            }
        }
        return result;
    }

    /// <summary>
    /// Real-valued Fourier features for digital or intensity-encoded inputs: the
    /// <see cref="LowFrequencyFourier{T}"/> coefficients (same order and normalisation) as
    /// magnitudes ([count, (2r)²]) or real-then-imaginary parts ([count, 2·(2r)²]). For a real
    /// image F(−u, −v) is the conjugate of F(u, v), so magnitudes come in mirrored pairs.
    /// </summary>
    public static Tensor<T> FourierFeatures<T>(Tensor<T> images, int height, int width, int radius, FourierOutput output, bool normalize = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = LowFrequencyFourier(images, height, width, radius, normalize);
        if (output == FourierOutput.RealImag)
        {
            return c.Storage.Reshape(c.Rows, 2 * c.N);
        }
        var mag = new Tensor<T>(c.Rows, c.N);
        for (int i = 0; i < c.Rows; i++)
        {
            var re = c.Re(i);
            var im = c.Im(i);
            var dst = mag.Row(i);
            for (int j = 0; j < c.N; j++)
            {
                dst[j] = T.Hypot(re[j], im[j]);
            }
        }
        return mag;
    }

    /// <summary>
    /// Fourier features of a square-image dataset (28×28 for the MNIST-like sets) with
    /// <paramref name="count"/> coefficients per image; count must be (2r)² — 4, 16, 36, 64, … —
    /// because the kept block is the central 2r×2r of the shifted spectrum.
    /// </summary>
    public static Dataset<T> FourierFeatures<T>(Dataset<T> data, int count, FourierOutput output, bool normalize = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        int side = (int)Math.Round(Math.Sqrt(data.FeatureCount));
        if (side * side != data.FeatureCount)
        {
            throw new ArgumentException($"{data.Name}: {data.FeatureCount} features per row is not a square image.", nameof(data));
        }
        int twoR = (int)Math.Round(Math.Sqrt(count));
        if (count < 4 || twoR * twoR != count || twoR % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Fourier feature count must be (2r)² (4, 16, 36, 64, …); got {count}.");
        }
        var f = FourierFeatures(data.Features, side, side, twoR / 2, output, normalize);
        return data.WithFeatures(f, $"{data.Name}-fft{count}");
    }

    /// <summary>
    /// Frequencies f = −r … r−1 (row f + r) for an axis of length n: cos and −sin of 2π f p / n,
    /// each table [2r, n] row-major.
    /// </summary>
    private static (double[] Cos, double[] Sin) Twiddles(int n, int radius)
    {
        int side = 2 * radius;
        var c = new double[side * n];
        var s = new double[side * n];
        for (int row = 0; row < side; row++)
        {
            int f = row - radius;
            for (int p = 0; p < n; p++)
            {
                // Reduce f·p mod n first so the angle stays small and exact for any image size.
                int m = (int)(((long)f * p % n + n) % n);
                double angle = 2 * Math.PI * m / n;
                c[(row * n) + p] = Math.Cos(angle);
                s[(row * n) + p] = -Math.Sin(angle);
            }
        }
        return (c, s);
    }

    /// <summary>For each output index o and source index s overlapping it, the weight |cell ∩ [s, s+1)| / cell size.</summary>
    private static List<(int Out, int Src, double W)> AreaWeights(int n, int m)
    {
        var w = new List<(int, int, double)>();
        double cell = (double)n / m;
        for (int o = 0; o < m; o++)
        {
            double a = o * cell, b = (o + 1) * cell;
            for (int s = (int)Math.Floor(a); s < n && s < b; s++)
            {
                double overlap = Math.Min(b, s + 1) - Math.Max(a, s);
                if (overlap > 1e-12)
                {
                    w.Add((o, s, overlap / cell));
                }
            }
        }
        return w;
    }

    private static void RequireImages<T>(Tensor<T> images, int height, int width) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(images);
        if (height < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(height), $"Image size must be positive; got {height}×{width}.");
        }
        if (images.Rows > 0 && images.RowLength != height * width)
        {
            throw new ArgumentException($"Images have {images.RowLength} values per row; expected {height}×{width} = {height * width}.", nameof(images));
        }
    }
}
