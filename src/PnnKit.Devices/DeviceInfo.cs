namespace PnnKit.Devices;

/// <summary>
/// What a device is, as the protocol's Describe reports it: its inputs, controls and readouts (units, ranges, precision),
/// how long it takes to settle after a new setting and to measure one example, and its budget of measured examples.
/// </summary>
public sealed record DeviceInfo
{
    /// <summary>The device's name, unique on its server.</summary>
    public required string Name { get; init; }

    /// <summary>What it is, e.g. "photonic-mesh", "instrument".</summary>
    public required string Kind { get; init; }

    /// <summary>The inputs of one example: one group, its count the values per example.</summary>
    public required ChannelSpec Input { get; init; }

    /// <summary>The control groups, in the order their values are sent.</summary>
    public required IReadOnlyList<ChannelSpec> Controls { get; init; }

    /// <summary>The readout groups, in the order their values come back.</summary>
    public required IReadOnlyList<ChannelSpec> Readouts { get; init; }

    /// <summary>Wait after a new setting before a run reads settled values, s.</summary>
    public double SettlingSeconds { get; init; }

    /// <summary>Device time of one measured example, s.</summary>
    public double SecondsPerExample { get; init; }

    /// <summary>Measured examples allowed in all; 0 for no limit.</summary>
    public long Budget { get; init; }

    /// <summary>How the device measures its own gradient (MeasureGradient), in a line; empty when it cannot.</summary>
    public string GradientMethod { get; init; } = "";

    /// <summary>Values per input example.</summary>
    public int InputSize => Input.Count;

    /// <summary>Control values in all.</summary>
    public int ControlCount => Controls.Sum(c => c.Count);

    /// <summary>Readout values per example in all.</summary>
    public int OutputSize => Readouts.Sum(r => r.Count);

    /// <summary>Throws naming the first invalid field and its allowed range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            throw new ArgumentException($"device name must be non-empty without spaces or '/', got '{Name}'.");
        }
        ArgumentNullException.ThrowIfNull(Input, nameof(Input));
        ArgumentNullException.ThrowIfNull(Controls, nameof(Controls));
        ArgumentNullException.ThrowIfNull(Readouts, nameof(Readouts));
        Input.Validate($"device '{Name}' input");
        foreach (var c in Controls)
        {
            c.Validate($"device '{Name}' control");
        }
        if (Readouts.Count == 0)
        {
            throw new ArgumentException($"device '{Name}' needs at least one readout group.");
        }
        foreach (var r in Readouts)
        {
            r.Validate($"device '{Name}' readout");
        }
        if (!(SettlingSeconds >= 0) || !double.IsFinite(SettlingSeconds) || !(SecondsPerExample >= 0) || !double.IsFinite(SecondsPerExample))
        {
            throw new ArgumentOutOfRangeException(nameof(SettlingSeconds), $"device '{Name}': settling and per-example times must be finite and ≥ 0 s, got {SettlingSeconds} and {SecondsPerExample}.");
        }
        if (Budget < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Budget), $"device '{Name}': budget must be ≥ 0 examples (0: unlimited), got {Budget}.");
        }
    }

    /// <summary>The group and index within it of control value <paramref name="index"/>.</summary>
    public (ChannelSpec Group, int Index) ControlAt(int index) => At(Controls, index);

    /// <summary>The group and index within it of readout value <paramref name="index"/> of one example.</summary>
    public (ChannelSpec Group, int Index) ReadoutAt(int index) => At(Readouts, index);

    private static (ChannelSpec, int) At(IReadOnlyList<ChannelSpec> groups, int index)
    {
        foreach (var g in groups)
        {
            if (index < g.Count)
            {
                return (g, index);
            }
            index -= g.Count;
        }
        throw new ArgumentOutOfRangeException(nameof(index), "index is past the last channel.");
    }
}
