namespace PnnKit.Memristive.Devices;

/// <summary>
/// Fabrication and wear statistics of one crossbar copy (DESIGN.md §4): what
/// <see cref="CrossbarDesign.Fabricate"/> samples once per instance.
/// </summary>
public sealed record DeviceVariation
{
    /// <summary>
    /// Device-to-device spread: every write to a device changes its conductance by (1 + δ) times the change it aimed at,
    /// δ ~ N(0, this), fixed per device. Without verify (<see cref="WriteVerifyTolerance"/> = 0) the one write lands at
    /// target·(1 + δ): the raw spread. Default 0 (no number for the PCM fit's devices; the reproductions that study a harsh chip set 0.1).
    /// </summary>
    public double ConductanceSpread { get; init; }

    /// <summary>
    /// Write-and-verify: after each write the device is read and, while |G − target| exceeds this fraction of GMax, written
    /// again aiming at the remaining error (each correction again scaled by the device's 1 + δ), up to
    /// <see cref="MaxWriteVerifyIterations"/> writes; 0 writes once without verify. Iterative programming with closed-loop feedback
    /// is how PCM weights are programmed (Nandakumar et al., "Precision of synaptic weights programmed in phase-change memory
    /// devices for deep learning inference", IEDM 2020; Joshi et al., Nat. Commun. 11, 2473 (2020)), so the static spread ends
    /// within the band; the PCM programming noise σ(g) (the fit to such programmed devices, limited by read noise per Nandakumar
    /// 2020) is drawn once on the verified state. Default 0.01 of GMax (0.25 µS at 25 µS, assumption: the order of the fit's
    /// smallest σ, 0.26 µS, below which read noise hides the error from the verify read).
    /// </summary>
    public double WriteVerifyTolerance { get; init; } = 0.01;

    /// <summary>Most writes per device under write-and-verify: 20 (assumption; with |δ| ≤ 0.5 each write shrinks the error at least twofold, so a full-range error needs about 7).</summary>
    public int MaxWriteVerifyIterations { get; init; } = 20;

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
        if (!(WriteVerifyTolerance >= 0 && WriteVerifyTolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(WriteVerifyTolerance), $"WriteVerifyTolerance must be in [0, 1) (a fraction of GMax; 0 = no verify), got {WriteVerifyTolerance}.");
        }
        if (MaxWriteVerifyIterations is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWriteVerifyIterations), $"MaxWriteVerifyIterations must be in [1, 1000], got {MaxWriteVerifyIterations}.");
        }
        if (EnduranceCycles < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EnduranceCycles), $"EnduranceCycles must be ≥ 1, got {EnduranceCycles}.");
        }
    }
}
