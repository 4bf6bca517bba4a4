using System.Numerics;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Core.Data;

/// <summary>
/// Two-dimensional toy classification tasks used across the physical-neural-network literature.
/// Every generator draws only from the given <see cref="Rng"/>, so a seed fixes the set; classes
/// are balanced (class k gets ⌊count/classes⌋ points, the first count mod classes classes one
/// more), and rows are shuffled so any prefix mixes the classes. Features have shape [count, 2].
/// <paramref name="count"/> must be ≥ 1 and noise ≥ 0 in every method.
/// </summary>
public static class Synthetic
{
    /// <summary>
    /// Two interleaving half circles (as scikit-learn's make_moons): class 0 on
    /// (cos t, sin t), class 1 on (1 − cos t, 0.5 − sin t), t uniform in [0, π], plus Gaussian
    /// noise of standard deviation <paramref name="noise"/> on both coordinates.
    /// </summary>
    public static Dataset<T> TwoMoons<T>(int count, double noise, Rng rng) where T : unmanaged, IFloatingPointIeee754<T> =>
        Generate<T>("moons", count, 2, noise, rng, (k, r) =>
        {
            double t = r.Uniform(0, Math.PI);
            return k == 0 ? (Math.Cos(t), Math.Sin(t)) : (1 - Math.Cos(t), 0.5 - Math.Sin(t));
        });

    /// <summary>
    /// Two concentric circles (as scikit-learn's make_circles): class 0 on the unit circle,
    /// class 1 on a circle of radius <paramref name="factor"/> (0 &lt; factor &lt; 1), angle uniform,
    /// plus Gaussian noise of standard deviation <paramref name="noise"/>.
    /// </summary>
    public static Dataset<T> Circles<T>(int count, double noise, Rng rng, double factor = 0.5) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(factor > 0 && factor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), $"factor must be in (0, 1), got {factor}.");
        }
        return Generate<T>("circles", count, 2, noise, rng, (k, r) =>
        {
            double a = r.Uniform(0, 2 * Math.PI);
            double rad = k == 0 ? 1 : factor;
            return (rad * Math.Cos(a), rad * Math.Sin(a));
        });
    }

    /// <summary>
    /// The ring task of the in-situ photonic backpropagation demonstrations (Hughes et al., Optica 5,
    /// 864 (2018); Pai et al., Science 380, 398 (2023)), generated as neuroptica's
    /// generate_ring_planar_dataset: points uniform in [−1, 1]²; class 0 when
    /// <paramref name="inner"/> ≤ |p| + noise·N(0, 1) ≤ <paramref name="outer"/> (on the ring), class 1
    /// otherwise (the disc inside and the corners outside). Defaults 0.4, 0.8 and noise 0.05 are
    /// neuroptica's. Unlike the other tasks, labels follow from position, so the class balance is
    /// that of the geometry (about 0.377 of the square is ring), not forced.
    /// </summary>
    public static Dataset<T> Rings<T>(int count, double noise, Rng rng, double inner = 0.4, double outer = 0.8)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(count, noise, rng);
        if (!(inner >= 0 && outer > inner))
        {
            throw new ArgumentOutOfRangeException(nameof(outer), $"Ring radii must satisfy 0 ≤ inner < outer; got {inner}, {outer}.");
        }
        var x = new Tensor<T>(count, 2);
        var y = new int[count];
        for (int i = 0; i < count; i++)
        {
            double px = rng.Uniform(-1, 1), py = rng.Uniform(-1, 1);
            double r = Math.Sqrt((px * px) + (py * py)) + (noise * rng.Normal());
            x[i, 0] = T.CreateChecked(px);
            x[i, 1] = T.CreateChecked(py);
            y[i] = r >= inner && r <= outer ? 0 : 1;
        }
        return new Dataset<T>("rings", x, y, 2);
    }

    /// <summary>
    /// XOR: points uniform in [−1, 1]², kept at least <paramref name="margin"/> from both axes
    /// (as the TensorFlow Playground's XOR set pads its axes); class 0 when x·y &gt; 0 (first and
    /// third quadrants), class 1 otherwise; then Gaussian noise of standard deviation <paramref name="noise"/>.
    /// </summary>
    public static Dataset<T> Xor<T>(int count, double noise, Rng rng, double margin = 0.1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(margin >= 0 && margin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), $"margin must be in [0, 1), got {margin}.");
        }
        return Generate<T>("xor", count, 2, noise, rng, (k, r) =>
        {
            double ax = r.Uniform(margin, 1), ay = r.Uniform(margin, 1);
            double sx = r.NextDouble() < 0.5 ? -1 : 1;
            double sy = k == 0 ? sx : -sx; // same signs → class 0
            return (sx * ax, sy * ay);
        });
    }

    /// <summary>
    /// Two interleaved spirals (Lang &amp; Witbrock 1988; parametrised as the TensorFlow Playground):
    /// t uniform in [0, 1], radius t, angle 1.75·2π·t + kπ for class k, plus Gaussian noise of
    /// standard deviation <paramref name="noise"/>.
    /// </summary>
    public static Dataset<T> Spirals<T>(int count, double noise, Rng rng) where T : unmanaged, IFloatingPointIeee754<T> =>
        Generate<T>("spirals", count, 2, noise, rng, (k, r) =>
        {
            double t = r.NextDouble();
            double a = (1.75 * 2 * Math.PI * t) + (k * Math.PI); // 1.75 turns: the Playground's setting
            return (t * Math.Cos(a), t * Math.Sin(a));
        });

    private static Dataset<T> Generate<T>(string name, int count, int classes, double noise, Rng rng, Func<int, Rng, (double X, double Y)> point)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(count, noise, rng);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i * classes / count; // balanced blocks, shuffled below
        }
        rng.Shuffle<int>(labels);
        var x = new Tensor<T>(count, 2);
        for (int i = 0; i < count; i++)
        {
            var (px, py) = point(labels[i], rng);
            x[i, 0] = T.CreateChecked(px + (noise * rng.Normal()));
            x[i, 1] = T.CreateChecked(py + (noise * rng.Normal()));
        }
        return new Dataset<T>(name, x, labels, classes);
    }

    private static void Check(int count, double noise, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"count must be ≥ 1, got {count}.");
        }
        if (!(noise >= 0) || double.IsInfinity(noise))
        {
            throw new ArgumentOutOfRangeException(nameof(noise), $"noise must be a finite standard deviation ≥ 0, got {noise}.");
        }
    }
}
