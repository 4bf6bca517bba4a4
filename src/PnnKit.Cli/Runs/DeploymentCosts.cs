using System.Text.Json;
using PnnKit.Cli.Commands;
using PnnKit.Core.Costs;

namespace PnnKit.Cli.Runs;

/// <summary>
/// The deployment a run's cost report amortises over (--rate, --lifetime), and the per-event terms
/// spread over it: a drift calibration every --calibrate-every, costed by robustness.json when
/// <c>pnn robustness</c> has run; what is not known is listed as excluded, with the reason.
/// </summary>
internal static class DeploymentCosts
{
    /// <summary>Default rate: an assumption (an edge classifier at 1 kHz), stated in every report.</summary>
    public const string DefaultRate = "1000";

    /// <summary>Default lifetime: an assumption (one year in the field), stated in every report.</summary>
    public const string DefaultLifetime = "1y";

    /// <summary>Default calibration interval: daily, the age at which the suite quotes drifted accuracy.</summary>
    public const string DefaultCalibrationInterval = "1d";

    public static (Deployment Deployment, IReadOnlyList<AmortisedCost> Amortised, IReadOnlyDictionary<string, string> Excluded) Of(RunDirectory run, string substrate, string rate, string lifetime, string calibrateEvery)
    {
        if (!double.TryParse(rate, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double perSecond) || !(perSecond > 0) || !double.IsFinite(perSecond))
        {
            throw new UsageException($"--rate takes inferences per second > 0, got '{rate}'.");
        }
        var deployment = new Deployment(perSecond, Time("--lifetime", lifetime));
        var interval = Time("--calibrate-every", calibrateEvery);
        var excluded = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["retraining"] = "none planned in this deployment",
        };
        var amortised = new List<AmortisedCost>();
        string robustness = Path.Combine(run.Path, "robustness.json");
        if (substrate == "digital")
        {
            return (deployment, amortised, excluded);
        }
        if (Calibration(robustness, interval) is { } cal)
        {
            amortised.Add(AmortisedCost.Every($"drift calibration ({cal.Policy}, every {calibrateEvery})", CostCategory.Calibration, cal.PerEvent, interval, deployment));
        }
        else
        {
            excluded["drift calibration"] = $"not costed yet: pnn robustness --design {run.Path} --policies none,global measures one calibration";
        }
        return (deployment, amortised, excluded);
    }

    /// <summary>One time like 1y or 12h (units of <see cref="RobustnessCommand.ParseAges"/>), named by its option in errors.</summary>
    private static Duration Time(string option, string text)
    {
        double[] t;
        try
        {
            t = RobustnessCommand.ParseAges(text);
        }
        catch (UsageException)
        {
            t = [];
        }
        return t.Length == 1 ? new Duration(t[0]) : throw new UsageException($"{option} takes one positive time like 1y, 30d or 12h (units s, min, h, d, mo, y); got '{text}'.");
    }

    /// <summary>Energy of one calibration of the first calibrating policy, at the measured age nearest the interval.</summary>
    private static (string Policy, Energy PerEvent)? Calibration(string file, Duration interval)
    {
        if (!File.Exists(file))
        {
            return null;
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        foreach (var p in doc.RootElement.GetProperty("policies").EnumerateArray())
        {
            double[] joules = [.. p.GetProperty("joules_per_calibration").EnumerateArray().Select(j => j.GetDouble())];
            double[] ages = [.. p.GetProperty("ages").EnumerateArray().Select(a => a.GetProperty("age_seconds").GetDouble())];
            if (joules.Length == ages.Length && joules.Any(j => j > 0))
            {
                int nearest = Enumerable.Range(0, ages.Length).MinBy(i => Math.Abs(Math.Log(ages[i] / interval.Seconds)));
                return (p.GetProperty("policy").GetString() ?? "?", new Energy(joules[nearest]));
            }
        }
        return null;
    }
}
