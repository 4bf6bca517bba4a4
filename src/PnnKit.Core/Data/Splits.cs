using System.Numerics;
using PnnKit.Core.Random;

namespace PnnKit.Core.Data;

/// <summary>
/// A train/validation/test division of one dataset. Validation may be empty. Every choice
/// (hyper-parameter, gain, seed, layout) is made on <see cref="Validation"/>; <see cref="Test"/> is
/// read once, at the end (DESIGN §6b).
/// </summary>
public sealed record DataSplits<T>(Dataset<T> Train, Dataset<T> Validation, Dataset<T> Test)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The part sizes, for every result's JSON.</summary>
    public SplitSizes Sizes => new(Train.Count, Validation.Count, Test.Count);

    /// <summary>The same division with each part transformed alike (a scaler, an encoding).</summary>
    public DataSplits<T> Map(Func<Dataset<T>, Dataset<T>> transform) =>
        new(transform(Train), transform(Validation), transform(Test));
}

/// <summary>How many examples each part of a split holds; printed in every result's JSON.</summary>
public sealed record SplitSizes(int Train, int Validation, int Test)
{
    /// <inheritdoc />
    public override string ToString() => $"{Train:N0} train / {Validation:N0} validation / {Test:N0} test";
}

/// <summary>
/// Deterministic, seeded splits. The same seed, fractions and labels always give the same
/// indices, on any machine. Each part keeps the original row order (indices ascending), so the
/// split only chooses rows and never reorders them; shuffling for training is the trainer's job.
/// </summary>
public static class Splits
{
    /// <summary>
    /// Validation and test fractions for a set as small as Iris: 24 and 30 of 150 flowers (96 left to train).
    /// Shared by every Iris run (suite, spring lattice, resistor network), so each seed draws the same split.
    /// </summary>
    public const double SmallSetValidationFraction = 0.16, SmallSetTestFraction = 0.2;

    /// <summary>
    /// Splits <paramref name="data"/> into train, validation and test parts. Part sizes are
    /// round(count·fraction) for validation and test and the rest for train; with
    /// <paramref name="stratified"/> (classification only) each class is divided in the same
    /// proportions, the per-class sizes chosen by largest remainder so totals stay exact.
    /// </summary>
    public static DataSplits<T> TrainValidationTest<T>(Dataset<T> data, double validationFraction, double testFraction, ulong seed, bool stratified = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        var parts = Indices(data.Count, stratified ? data.Labels : null, [validationFraction, testFraction], seed);
        return new DataSplits<T>(
            data.Subset(parts[0], $"{data.Name}-train"),
            data.Subset(parts[1], $"{data.Name}-validation"),
            data.Subset(parts[2], $"{data.Name}-test"));
    }

    /// <summary>Splits into train and test (no validation part).</summary>
    public static (Dataset<T> Train, Dataset<T> Test) TrainTest<T>(Dataset<T> data, double testFraction, ulong seed, bool stratified = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = TrainValidationTest(data, 0, testFraction, seed, stratified);
        return (s.Train, s.Test);
    }

    /// <summary>
    /// The index sets behind the splits: element 0 is the remainder (train), element p + 1 holds
    /// round(count·fractions[p]) indices, or what is left when earlier parts' rounded sizes used it up
    /// (fractions ½ and ½ of an odd count). Pass <paramref name="labels"/> to stratify, null for a
    /// plain random split. Every index 0..count−1 appears in exactly one part, ascending within it.
    /// </summary>
    public static int[][] Indices(int count, int[]? labels, ReadOnlySpan<double> fractions, ulong seed)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"count must be ≥ 0, got {count}.");
        }
        double sum = 0;
        foreach (double f in fractions)
        {
            if (!(f >= 0 && f <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(fractions), $"Split fractions must be in [0, 1]; got {f}.");
            }
            sum += f;
        }
        if (sum > 1 + 1e-12)
        {
            throw new ArgumentOutOfRangeException(nameof(fractions), $"Split fractions must sum to at most 1; got {sum}.");
        }
        if (labels is not null && labels.Length != count)
        {
            throw new ArgumentException($"{labels.Length} labels for {count} rows.", nameof(labels));
        }
        var rng = new Rng(seed).Split("splits");

        // Groups: one per class when stratified, else one group of all rows.
        int groupCount = labels is null ? 1 : (labels.Length == 0 ? 0 : labels.Max() + 1);
        var groups = new List<int>[Math.Max(groupCount, 1)];
        for (int g = 0; g < groups.Length; g++)
        {
            groups[g] = [];
        }
        for (int i = 0; i < count; i++)
        {
            groups[labels is null ? 0 : labels[i]].Add(i);
        }

        // Per group and part, how many rows (largest remainder so each part's total is exact).
        int parts = fractions.Length;
        var take = new int[groups.Length, parts];
        var left = groups.Select(g => g.Count).ToArray();
        for (int p = 0; p < parts; p++)
        {
            int total = Math.Min((int)Math.Round(count * fractions[p], MidpointRounding.AwayFromZero), left.Sum());
            var quota = new double[groups.Length];
            int assigned = 0;
            for (int g = 0; g < groups.Length; g++)
            {
                quota[g] = groups[g].Count * fractions[p];
                take[g, p] = Math.Min((int)Math.Floor(quota[g]), left[g]);
                assigned += take[g, p];
            }
            var order = Enumerable.Range(0, groups.Length)
                .OrderByDescending(g => quota[g] - Math.Floor(quota[g]))
                .ThenBy(g => g)
                .ToArray();
            // Hand out the remaining rows one at a time by largest remainder, then to any group with rows left.
            for (int pass = 0; assigned < total && pass < 2; pass++)
            {
                foreach (int g in order)
                {
                    if (assigned >= total)
                    {
                        break;
                    }
                    if (take[g, p] < left[g] && (pass == 1 || quota[g] > Math.Floor(quota[g])))
                    {
                        take[g, p]++;
                        assigned++;
                    }
                }
            }
            while (assigned > total)
            {
                // Floors can exceed the rounded total only by rounding; trim from the largest groups.
                int g = Enumerable.Range(0, groups.Length).Where(h => take[h, p] > 0).OrderByDescending(h => take[h, p]).First();
                take[g, p]--;
                assigned--;
            }
            for (int g = 0; g < groups.Length; g++)
            {
                left[g] -= take[g, p];
            }
        }

        var result = new List<int>[parts + 1];
        for (int p = 0; p <= parts; p++)
        {
            result[p] = [];
        }
        for (int g = 0; g < groups.Length; g++)
        {
            var members = groups[g].ToArray();
            rng.Split((ulong)g).Shuffle<int>(members); // per-group stream: one class's draw never shifts another's
            int pos = 0;
            for (int p = 0; p < parts; p++)
            {
                result[p + 1].AddRange(members.AsSpan(pos, take[g, p]));
                pos += take[g, p];
            }
            result[0].AddRange(members.AsSpan(pos));
        }
        return result.Select(r => r.Order().ToArray()).ToArray();
    }
}
