using System.Numerics;
using PnnKit.Core.Data;
using PnnKit.Core.Layers;
using PnnKit.Core.Random;
using PnnKit.Core.Training;

namespace PnnKit.Methods;

/// <summary>Accuracy over fabricated instances at one age.</summary>
/// <param name="AgeSeconds">Time since programming.</param>
/// <param name="Mean">Mean accuracy.</param>
/// <param name="Std">Sample standard deviation.</param>
/// <param name="Percentile5">5th percentile (linear interpolation between order statistics).</param>
/// <param name="Worst">Lowest accuracy.</param>
/// <param name="Accuracies">Each instance's accuracy, in instance order.</param>
public sealed record AgeStatistics(double AgeSeconds, double Mean, double Std, double Percentile5, double Worst, IReadOnlyList<double> Accuracies);

/// <summary>
/// The robustness protocol (DESIGN.md §4): fabricate K instances of a trained design, evaluate each
/// at a list of ages and one temperature, and report mean, spread and 5th percentile per age. The
/// substrate supplies <c>instanceAt(seed, age, temperature)</c>; instance seeds derive from one seed,
/// so the whole table is reproducible.
/// </summary>
public static class RobustnessProtocol
{
    /// <summary>Common ages: 1 s, 1 h, 1 day, 1 month (30 d), 1 year (365 d).</summary>
    public static readonly double[] StandardAges = [1, 3600, 86_400, 30 * 86_400, 365 * 86_400];

    /// <summary>Runs the protocol on <paramref name="test"/> (classification).</summary>
    public static IReadOnlyList<AgeStatistics> Run<T>(
        Func<ulong, double, double, ILayer<T>> instanceAt, Dataset<T> test, int instances, IReadOnlyList<double> ages,
        ulong seed, double temperatureKelvin = ForwardContext.RoomTemperatureKelvin, int batchSize = 256)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(instanceAt);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(ages);
        if (instances < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(instances), $"Need at least one instance, got {instances}.");
        }
        if (!test.IsClassification)
        {
            throw new ArgumentException($"{test.Name}: the robustness protocol reports accuracy and needs a classification set.", nameof(test));
        }
        if (ages.FirstOrDefault(a => !(a >= 0) || !double.IsFinite(a), 0) is var bad and not 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ages), $"Ages must be finite and ≥ 0 s, got {bad}.");
        }
        var result = new List<AgeStatistics>(ages.Count);
        foreach (double age in ages)
        {
            var acc = new double[instances];
            for (int k = 0; k < instances; k++)
            {
                acc[k] = EvaluateInstance(instanceAt, test, k, age, seed, temperatureKelvin, batchSize);
            }
            result.Add(Summarize(age, acc));
        }
        return result;
    }

    /// <summary>
    /// One work item of the protocol: instance <paramref name="instance"/> read at <paramref name="age"/>. Its fabrication
    /// and read streams derive from (<paramref name="seed"/>, instance) alone, so an item gives the same accuracy
    /// whichever process, thread or order evaluates it (a sweep spread over a cluster equals the serial <see cref="Run"/>).
    /// </summary>
    public static double EvaluateInstance<T>(Func<ulong, double, double, ILayer<T>> instanceAt, Dataset<T> test, int instance, double age,
        ulong seed, double temperatureKelvin = ForwardContext.RoomTemperatureKelvin, int batchSize = 256)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(instanceAt);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentOutOfRangeException.ThrowIfNegative(instance);
        if (!(age >= 0) || !double.IsFinite(age))
        {
            throw new ArgumentOutOfRangeException(nameof(age), $"Ages must be finite and ≥ 0 s, got {age}.");
        }
        var root = new Rng(seed);
        ulong instanceSeed = root.Split("instance").Split((ulong)instance).NextULong();
        var model = instanceAt(instanceSeed, age, temperatureKelvin);
        var ctx = new ForwardContext(Mode.Eval, root.Split("read").Split((ulong)instance)) { AgeSeconds = age, TemperatureKelvin = temperatureKelvin };
        return Trainer<T>.Evaluate(model, new SoftmaxCrossEntropy<T>(), test, batchSize, ctx).Accuracy!.Value;
    }

    /// <summary>Mean, sample standard deviation, 5th percentile and minimum of <paramref name="accuracies"/>.</summary>
    public static AgeStatistics Summarize(double age, double[] accuracies)
    {
        ArgumentNullException.ThrowIfNull(accuracies);
        var (mean, std) = SampleStatistics.MeanStd(accuracies);
        return new AgeStatistics(age, mean, std, Percentile(accuracies, 5), accuracies.Min(), accuracies);
    }

    /// <summary>The p-th percentile with linear interpolation between order statistics (NumPy's default).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        double rank = p / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((rank - lo) * (sorted[hi] - sorted[lo]));
    }
}
