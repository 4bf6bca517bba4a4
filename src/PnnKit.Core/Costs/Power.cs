namespace PnnKit.Core.Costs;

/// <summary>A power in watts; power × <see cref="Duration"/> = <see cref="Energy"/>.</summary>
/// <param name="Watts">The power, W.</param>
public readonly record struct Power(double Watts) : IComparable<Power>
{
    /// <summary>No power.</summary>
    public static Power Zero => default;

    /// <summary>From milliwatts (the unit heater and bias powers are quoted in).</summary>
    public static Power FromMilliwatts(double milliwatts) => new(milliwatts * 1e-3);

    /// <summary>True when the value is a finite, non-negative power (what a static draw can be).</summary>
    public bool IsValidCost => double.IsFinite(Watts) && Watts >= 0;

    public static Power operator +(Power a, Power b) => new(a.Watts + b.Watts);

    public static Power operator -(Power a, Power b) => new(a.Watts - b.Watts);

    public static Power operator *(Power p, double factor) => new(p.Watts * factor);

    public static Power operator *(double factor, Power p) => new(p.Watts * factor);

    public static Power operator /(Power p, double divisor) => new(p.Watts / divisor);

    /// <summary>The ratio of two powers, dimensionless.</summary>
    public static double operator /(Power a, Power b) => a.Watts / b.Watts;

    /// <summary>Energy drawn by <paramref name="p"/> over <paramref name="t"/>.</summary>
    public static Energy operator *(Power p, Duration t) => new(p.Watts * t.Seconds);

    /// <summary>Energy drawn by <paramref name="p"/> over <paramref name="t"/>.</summary>
    public static Energy operator *(Duration t, Power p) => new(p.Watts * t.Seconds);

    public static bool operator <(Power a, Power b) => a.Watts < b.Watts;

    public static bool operator >(Power a, Power b) => a.Watts > b.Watts;

    public static bool operator <=(Power a, Power b) => a.Watts <= b.Watts;

    public static bool operator >=(Power a, Power b) => a.Watts >= b.Watts;

    /// <summary>Sum of <paramref name="powers"/>.</summary>
    public static Power Sum(IEnumerable<Power> powers) => new(powers.Sum(p => p.Watts));

    /// <inheritdoc/>
    public int CompareTo(Power other) => Watts.CompareTo(other.Watts);

    /// <summary>"4.5 mW".</summary>
    public override string ToString() => SiFormat.Format(Watts, "W");
}
