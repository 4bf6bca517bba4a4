using System.Numerics;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>
/// Training-time image augmentation. Random translation by a few pixels is the classic MNIST
/// augmentation (Simard, Steinkraus &amp; Platt, ICDAR 2003); it matters most on small training sets.
/// </summary>
public static class ImageAugmentation
{
    /// <summary>
    /// Shifts each image of <paramref name="images"/> ([n, height·width]) by its own random offset in
    /// [−<paramref name="maxShift"/>, +<paramref name="maxShift"/>] pixels on each axis, filling with zeros.
    /// </summary>
    public static Tensor<T> RandomShift<T>(Tensor<T> images, int height, int width, int maxShift, Rng rng)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(rng);
        if (images.RowLength != height * width)
        {
            throw new ArgumentException($"Images have {images.RowLength} pixels, not {height}×{width}.", nameof(images));
        }
        if (maxShift < 0 || maxShift >= Math.Min(height, width))
        {
            throw new ArgumentOutOfRangeException(nameof(maxShift), $"Shift must be in [0, {Math.Min(height, width) - 1}], got {maxShift}.");
        }
        var result = Tensor<T>.ZerosLike(images);
        for (int n = 0; n < images.Rows; n++)
        {
            int dy = rng.NextInt((2 * maxShift) + 1) - maxShift;
            int dx = rng.NextInt((2 * maxShift) + 1) - maxShift;
            var src = images.Row(n);
            var dst = result.Row(n);
            int x0 = Math.Max(0, dx), x1 = Math.Min(width, width + dx);
            for (int y = Math.Max(0, dy); y < Math.Min(height, height + dy); y++)
            {
                src.Slice(((y - dy) * width) + x0 - dx, x1 - x0).CopyTo(dst.Slice((y * width) + x0, x1 - x0));
            }
        }
        return result;
    }
}
