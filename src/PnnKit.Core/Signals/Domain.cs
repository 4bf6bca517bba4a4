namespace PnnKit.Core.Signals;

/// <summary>
/// The physical kind of signal a layer consumes or produces (DESIGN.md §3). Neighbouring layers
/// must agree; crossing from one domain to another takes an explicit converter layer with a cost.
/// </summary>
public enum Domain
{
    /// <summary>Numbers in a digital processor.</summary>
    Digital,

    /// <summary>Voltages or currents on wires.</summary>
    Electrical,

    /// <summary>Complex optical field amplitudes (tensor shape [batch, 2, modes]).</summary>
    Optical,

    /// <summary>Forces and displacements in a mechanical structure.</summary>
    Mechanical,

    /// <summary>Magnetisation states of magnetic devices.</summary>
    Magnetic,
}
