using PnnKit.Core.Data;
using PnnKit.Core.Random;
using PnnKit.Core.Tensors;

namespace PnnKit.Photonics.Tests;

/// <summary>Two-class 2-D tasks generated with Rng (until Core/Data ships its loaders).</summary>
internal static class SyntheticTasks
{
    public static Dataset<double> Make(string task, int count, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new Tensor<double>(count, 2);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 2;
            double a, b;
            switch (task)
            {
                case "moons":
                    {
                        double t = rng.Uniform(0, Math.PI);
                        (a, b) = label == 0 ? (Math.Cos(t), Math.Sin(t)) : (1 - Math.Cos(t), 0.5 - Math.Sin(t));
                        a = ((a - 0.5) / 1.5) + (0.07 * rng.Normal());
                        b = ((b - 0.25) / 1.5) + (0.07 * rng.Normal());
                        break;
                    }
                case "circles":
                    {
                        double t = rng.Uniform(0, 2 * Math.PI), r = (label == 0 ? 0.8 : 0.4) + (0.05 * rng.Normal());
                        (a, b) = (r * Math.Cos(t), r * Math.Sin(t));
                        break;
                    }
                case "rings":
                    {
                        // Three rings, alternately labelled: inner and outer class 0, middle class 1.
                        int ring = label == 1 ? 1 : (rng.NextInt(2) * 2);
                        double t = rng.Uniform(0, 2 * Math.PI), r = (0.25 + (0.3 * ring)) + (0.03 * rng.Normal());
                        (a, b) = (r * Math.Cos(t), r * Math.Sin(t));
                        break;
                    }
                default:
                    throw new ArgumentException(task);
            }
            x[i, 0] = a;
            x[i, 1] = b;
            labels[i] = label;
        }
        return new Dataset<double>(task, x, labels, 2);
    }
}
