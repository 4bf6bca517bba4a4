namespace PnnKit.Core.Data;

/// <summary>Summaries of a sample of figures (e.g. accuracies over fabricated instances or seeds).</summary>
public static class SampleStatistics
{
    /// <summary>The mean and the sample standard deviation (n − 1 in the denominator; 0 for a single value).</summary>
    public static (double Mean, double Std) MeanStd(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("Need at least one value.", nameof(values));
        }
        double mean = values.Average();
        double std = values.Count > 1 ? Math.Sqrt(values.Sum(a => (a - mean) * (a - mean)) / (values.Count - 1)) : 0;
        return (mean, std);
    }
}
