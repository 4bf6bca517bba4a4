namespace PnnKit.Memristive.Devices;

/// <summary>
/// Fabrication and wear statistics of one crossbar copy (DESIGN.md §4): what
/// <see cref="CrossbarDesign.Fabricate"/> samples once per instance.
/// </summary>
public sealed record DeviceVariation
{
    /// <summary>
    /// Device-to-device spread: each device reaches its programmed conductance times (1 + δ), δ ~ N(0, this), fixed per device.
    /// Default 0: iterative program-and-verify absorbs most static spread in PCM; the PCM programming noise still applies.
    /// </summary>
    public double ConductanceSpread { get; init; }

    /// <summary>Fraction of devices stuck at GMax (stuck-ON). Default 0; Yao et al., Nature 577, 641 (2020) report ~1% stuck cells in their arrays, set it to study that.</summary>
    public double StuckOnRate { get; init; }

    /// <summary>Fraction of devices stuck at 0 S (stuck-OFF). Default 0.</summary>
    public double StuckOffRate { get; init; }

    /// <summary>Programming cycles after which a device stops switching: 10⁸ (the order quoted for PCM, Burr et al., J. Vac. Sci. Technol. B 28, 223 (2010)).</summary>
    public long EnduranceCycles { get; init; } = 100_000_000;

    /// <summary>Whether programming noise from the PCM model is applied.</summary>
    public bool ProgrammingNoise { get; init; } = true;

    /// <summary>No variation at all: no spread, stuck cells, programming noise.</summary>
    public static DeviceVariation None => new() { ProgrammingNoise = false };

    /// <summary>Throws naming the first invalid field and its allowed range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(ConductanceSpread) || ConductanceSpread < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ConductanceSpread), $"ConductanceSpread must be finite and ≥ 0, got {ConductanceSpread}.");
        }
        if (!(StuckOnRate >= 0 && StuckOnRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(StuckOnRate), $"StuckOnRate must be in [0, 1], got {StuckOnRate}.");
        }
        if (!(StuckOffRate >= 0 && StuckOffRate <= 1) || StuckOnRate + StuckOffRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(StuckOffRate), $"StuckOffRate must be in [0, 1 − StuckOnRate], got {StuckOffRate}.");
        }
        if (EnduranceCycles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EnduranceCycles), $"EnduranceCycles must be ≥ 1, got {EnduranceCycles}.");
        }
    }
}
