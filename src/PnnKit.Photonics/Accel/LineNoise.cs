namespace PnnKit.Photonics.Accel;

/// <summary>
/// The noise an EAC computing line integrates (<see cref="CurrentDomainCrossbar{T}"/>): shot noise of the photocharge
/// collected in one integration, variance = the collected electrons (Poisson counting; drawn here as a Gaussian of that
/// variance, exact in mean and variance, Schottky 1918), plus the kT/C reset noise left on the line capacitance,
/// √(k_B·T·C)/q electrons rms (Johnson–Nyquist charge on a reset capacitor; Razavi, Design of Analog CMOS Integrated
/// Circuits, 2nd ed., 2017, §7.2). The positive and the negative line of a node are independent; the node reads their difference.
/// </summary>
/// <param name="ElectronsPerUnitCurrent">Electrons one line collects in one integration per model unit of summed photocurrent.</param>
/// <param name="ResetNoiseElectrons">Rms electrons of kT/C noise per line.</param>
public sealed record LineNoise(double ElectronsPerUnitCurrent, double ResetNoiseElectrons)
{
    /// <summary>Elementary charge, C (CODATA 2018, exact).</summary>
    public const double ElementaryCharge = 1.602176634e-19;

    /// <summary>Boltzmann constant, J/K (CODATA 2018, exact).</summary>
    public const double Boltzmann = 1.380649e-23;

    /// <summary>
    /// The lines of a <paramref name="photodiodes"/>-pixel EAC integrating for <paramref name="integrationSeconds"/> at the light of
    /// <paramref name="cost"/>, where <paramref name="meanArrayCurrent"/> model units of photocurrent (summed over the array) stand for
    /// the whole array's current R·FF·P, at <paramref name="kelvin"/>.
    /// </summary>
    public static LineNoise For(AccelCostModel cost, int photodiodes, double fillFactor, double integrationSeconds, double meanArrayCurrent, double kelvin = 300)
    {
        ArgumentNullException.ThrowIfNull(cost);
        if (!(integrationSeconds > 0) || !double.IsFinite(integrationSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(integrationSeconds), $"integrationSeconds must be finite and > 0; got {integrationSeconds}.");
        }
        if (!(meanArrayCurrent > 0) || !double.IsFinite(meanArrayCurrent))
        {
            throw new ArgumentOutOfRangeException(nameof(meanArrayCurrent), $"meanArrayCurrent must be finite and > 0 model units; got {meanArrayCurrent}.");
        }
        if (!(kelvin > 0) || !double.IsFinite(kelvin))
        {
            throw new ArgumentOutOfRangeException(nameof(kelvin), $"kelvin must be finite and > 0; got {kelvin}.");
        }
        double electrons = cost.ArrayCurrentAmps(fillFactor) * integrationSeconds / ElementaryCharge;
        return new(electrons / meanArrayCurrent, ResetElectrons(cost.LineCapacitanceFarads(photodiodes), kelvin));
    }

    /// <summary>Rms electrons of kT/C noise on a capacitance <paramref name="farads"/> at <paramref name="kelvin"/>: √(k_B·T·C)/q.</summary>
    public static double ResetElectrons(double farads, double kelvin) => Math.Sqrt(Boltzmann * kelvin * farads) / ElementaryCharge;

    /// <summary>Standard deviation, in model current units, of a line that collected <paramref name="current"/> model units.</summary>
    public double StdOf(double current)
        => Math.Sqrt((Math.Max(current, 0) * ElectronsPerUnitCurrent) + (ResetNoiseElectrons * ResetNoiseElectrons)) / ElectronsPerUnitCurrent;
}
